package com.referralloop.sla;

import java.time.Instant;
import java.util.List;

/**
 * Live consents that expire soon, for renewal prompts. Implemented by the referral feature; with no
 * bean, no renewal is prompted.
 */
public interface ExpiringConsents {

    /** Consents not withdrawn whose expiry is in {@code [from, to)}. */
    List<Expiring> expiringBetween(Instant from, Instant to);

    /** @param level e.g. "active"; @param scope e.g. "quote, call" (may be null) */
    record Expiring(String consentId, String contactId, String accountId, String level, String scope, Instant expiresAt) { }
}
