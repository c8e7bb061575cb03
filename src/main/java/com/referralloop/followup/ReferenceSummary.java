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

    /** {@link #consentOf} for many contacts at once (a batch of follow-ups); every given id is in the map. */
    default java.util.Map<String, String> consentsOf(java.util.Collection<String> contactIds) {
        java.util.Map<String, String> lines = new java.util.HashMap<>();
        contactIds.stream().filter(java.util.Objects::nonNull).distinct().forEach(id -> lines.put(id, consentOf(id)));
        return lines;
    }

    /** {@link #ratingOf} for many accounts at once; every given id is in the map. */
    default java.util.Map<String, String> ratingsOf(java.util.Collection<String> accountIds) {
        java.util.Map<String, String> lines = new java.util.HashMap<>();
        accountIds.stream().filter(java.util.Objects::nonNull).distinct().forEach(id -> lines.put(id, ratingOf(id)));
        return lines;
    }
}
