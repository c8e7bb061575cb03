package com.referralloop.sla;

import java.time.Instant;
import java.util.List;

/**
 * Live consents that expire soon, for renewal prompts. Implemented by the referral feature; with no
 * bean, no renewal is prompted.
 */
public interface ExpiringConsents {

    /**
     * Consents not withdrawn, not superseded and not prompted yet whose expiry is in {@code [from, to)}, by an
     * indexed query on the expiry: the ones already prompted are not read again.
     */
    List<Expiring> expiringBetween(Instant from, Instant to);

    /** The renewal prompt of this consent is queued: later runs leave it out. */
    default void prompted(String consentId) {
    }

    /** @param level e.g. "active"; @param scope e.g. "quote, call" (may be null) */
    record Expiring(String consentId, String contactId, String accountId, String level, String scope, Instant expiresAt) { }
}
