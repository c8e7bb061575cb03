package com.referralloop.web;

import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.bson.Document;

/**
 * A dashboard figure that adds up per UTC day, so {@link KeptDays} can keep each past day's counts and read a
 * period as one small document per day. It says how to count days from its records, and which days records
 * stored since a time fall on.
 */
interface DayFigure {

    /** The collection its kept days live in. */
    String keptIn();

    /**
     * The counts per day ("yyyy-MM-dd") of its records placed in [from, to), of the given accounts (null: all):
     * each a document with a {@code counts} list (per source), and a {@code stableUntil} date when the day's
     * counts change at that time without a write (a deadline passing); days without records may be absent.
     */
    Map<String, Document> count(Instant from, Instant to, Instant now, Set<String> accountIds);

    /** The days of records stored (inserted or changed) at or after {@code since}. */
    Set<String> changedDays(Instant since);

    /** When its first record is placed (null: none), so "all time" starts there rather than in 1970. */
    Instant firstRecord();
}
