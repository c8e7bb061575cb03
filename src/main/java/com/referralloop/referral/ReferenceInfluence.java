package com.referralloop.referral;

import java.time.Instant;
import java.util.Optional;

/**
 * Reference-influenced revenue as the referral commands show it. The request feature, which sits above
 * this package, implements it; the commands ask through this port so the core never depends on requests.
 */
public interface ReferenceInfluence {

    /** e.g. "2 deals won worth 48,000 from 3 requests", empty when the contact was never requested. */
    Optional<String> ofContact(String contactId);

    /** The same over every contact of an account. */
    Optional<String> ofAccount(String accountId);

    /** Requests made, introductions and deals won (with their value) since {@code since}. */
    String since(Instant since);
}
