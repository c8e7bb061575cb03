package com.referralloop.crm;

import com.referralloop.crm.CrmSyncState.Counts;
import com.referralloop.crm.CrmSyncState.RecordError;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Tallies of one sync run, and what it must remember across pages. */
final class CrmSyncRun {

    final Instant startedAt;
    final long callsBefore;
    final List<RecordError> errors = new ArrayList<>();
    /** The company each contact email was first read at in this run: the same email at another is reported. */
    final Map<String, String> accountOfEmail = new HashMap<>();
    int accountsRead;
    int accountsChanged;
    int contactsRead;
    int contactsChanged;
    int removed;
    int referralsRead;
    int referralsMoved;
    int rateLimitWaits;
    Duration waited = Duration.ZERO;
    String error;
    String outcomesError;

    CrmSyncRun(Instant startedAt, long callsBefore) {
        this.startedAt = startedAt;
        this.callsBefore = callsBefore;
    }

    Counts counts(long callsNow) {
        return new Counts(accountsRead, accountsChanged, contactsRead, contactsChanged, removed, referralsRead,
                referralsMoved, errors.size(), (int) (callsNow - callsBefore), rateLimitWaits);
    }
}
