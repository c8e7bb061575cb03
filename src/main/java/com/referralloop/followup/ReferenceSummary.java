package com.referralloop.followup;

/**
 * What the referral program knows about an account and contact, shown on a follow-up message.
 * Implemented by the referral feature; the follow-up feature does not depend on it.
 */
public interface ReferenceSummary {

    /** e.g. "active (quote, call) until 2027-06-30" or "none". */
    String consentOf(String contactId);

    /** e.g. "1 (could become an A)" or "not rated". */
    String ratingOf(String accountId);
}
