package com.referralloop.sla;

import java.time.Instant;

/** An owner confirmed at a yearly review that an account's rating and consents are still valid. */
public record ReviewConfirmed(String accountId, String by, Instant at) {
}
