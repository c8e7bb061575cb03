package com.referralloop.sla;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Accounts whose reference standing (rating, consents) is on file, for the yearly review. Implemented
 * by the referral feature; with no bean, nothing comes up for review. The feature also tells
 * {@link ReviewStore#changed} of every rating and consent recorded, which keeps the schedule.
 */
public interface ReviewCandidates {

    /**
     * The given accounts that still have a rating or a live consent, by account id (absent: nothing on file any
     * more). The review job asks for one batch of due accounts at a time.
     */
    Map<String, Candidate> candidates(Collection<String> accountIds);

    /**
     * Every account with a rating or a live consent: read once per store, to build the review schedule of data
     * stored before the schedule existed.
     */
    List<Candidate> everyCandidate();

    /**
     * @param summary       one line shown in the prompt, e.g. "rating 1 · consent active (quote, call) for alice@acme.com"
     * @param lastChangedAt when the rating or a consent was last recorded or changed (a change counts as a review)
     */
    record Candidate(String accountId, String summary, Instant lastChangedAt) { }
}
