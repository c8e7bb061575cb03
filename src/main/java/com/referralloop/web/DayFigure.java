package com.referralloop.web;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import java.time.Instant;
import java.util.Date;
import java.util.List;
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

    /** The days ({@code day}, an expression over a record) of the records whose {@code stamp} is at or after {@code since}. */
    static void daysStampedSince(MongoCollection<Document> records, String stamp, Instant since, Document day, Set<String> into) {
        records.aggregate(List.of(
                new Document("$match", new Document(stamp, new Document("$gte", Date.from(since)))),
                new Document("$project", new Document("_id", 0).append("day", day)),
                new Document("$group", new Document("_id", "$day")))).forEach(d -> {
                    if (d.getString("_id") != null) {
                        into.add(d.getString("_id"));
                    }
                });
    }

    /** The smallest date in {@code field} of the records, from its index's first entry (null: none has one). */
    static Instant firstDate(MongoCollection<Document> records, String field) {
        Document d = records.find(Filters.gte(field, new Date(Long.MIN_VALUE / 2)))
                .projection(new Document(field, 1).append("_id", 0)).sort(new Document(field, 1)).limit(1).first();
        return d == null || d.getDate(field) == null ? null : d.getDate(field).toInstant();
    }
}
