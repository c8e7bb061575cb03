package com.referralloop.sla;

import java.time.Instant;
import java.util.List;

/**
 * Accounts whose reference standing (rating, consents) is on file, for the yearly review. Implemented
 * by the referral feature; with no bean, nothing comes up for review.
 */
public interface ReviewCandidates {

    /** Every account with a rating or a live consent; the review job decides which are due. */
    List<Candidate> candidates();

    /**
     * @param summary       one line shown in the prompt, e.g. "rating 1 · consent active (quote, call) for alice@acme.com"
     * @param lastChangedAt when the rating or a consent was last recorded or changed (a change counts as a review)
     */
    record Candidate(String accountId, String summary, Instant lastChangedAt) { }
}
