package com.referralloop.crm;

import java.time.Instant;

/**
 * Where a high-water mark may move after reading records oldest first: up to the newest stored record, but
 * never past the oldest one that failed, so the next run (which reads from the mark on) tries it again.
 * Reads are "at or after" the mark, so a record on the mark itself is read again, which an upsert shrugs off.
 */
final class MarkTracker {

    private final Instant start;
    private Instant lastStored;
    private boolean anyFailed;
    private Instant firstFailed;
    private boolean stopped;

    MarkTracker(Instant start) {
        this.start = start;
    }

    void stored(Instant modifiedAt) {
        if (modifiedAt != null && (lastStored == null || modifiedAt.isAfter(lastStored))) {
            lastStored = modifiedAt;
        }
    }

    void failed(Instant modifiedAt) {
        if (!anyFailed || (firstFailed != null && (modifiedAt == null || modifiedAt.isBefore(firstFailed)))) {
            firstFailed = modifiedAt;
        }
        anyFailed = true;
    }

    /** The read stopped before its last page: what came after the last stored record is unknown. */
    void stopped() {
        stopped = true;
    }

    Instant mark() {
        Instant upTo = lastStored == null ? start : lastStored;
        if (anyFailed) {
            if (firstFailed == null) {
                return start;
            }
            return stopped && upTo != null && upTo.isBefore(firstFailed) ? upTo : firstFailed;
        }
        return upTo;
    }
}
