package com.referralloop.web;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * A {@link DayFigure}'s counts of past UTC days, kept one document per day, so a 90-day figure reads 90 small
 * documents and counts only the period's two partial days from the records, however many the store holds.
 * <p>
 * Exact, not merely recent: before it reads, this asks the figure which days records stored since its last look
 * fall on, and drops those kept days; a dropped, missing or stale day is counted again from the records (a day
 * is stale {@link #KEPT} after its count, or at its {@code stableUntil}). A margin covers a write whose time was
 * taken before it committed, and instances whose clocks are a little apart.
 */
final class KeptDays {

    /** The document holding when changes were last looked for; its id sorts after every day's. */
    private static final String SEEN = "seen";
    static final Duration MARGIN = Duration.ofMinutes(10);
    static final Duration KEPT = Duration.ofHours(24);

    private final DayFigure figure;
    private final Duration margin;
    private final MongoCollection<Document> days;

    KeptDays(MongoTemplate mongo, DayFigure figure) {
        this(mongo, figure, MARGIN);
    }

    /** With another margin: a test that writes and reads within seconds sets none, or every record counts as changed. */
    KeptDays(MongoTemplate mongo, DayFigure figure, Duration margin) {
        this.figure = figure;
        this.margin = margin;
        this.days = mongo.getCollection(figure.keptIn());
    }

    /** The day documents covering [from, to) at {@code now}: past days kept, partial ones counted from the records. */
    List<Document> days(Instant from, Instant to, Instant now) {
        Instant earliest = figure.firstRecord();
        if (earliest == null) {
            return List.of();
        }
        // nothing lies before the first record's day, so "all time" starts there instead of in 1970
        Instant first = max(dayStart(from).equals(from) ? from : dayStart(from).plus(Duration.ofDays(1)), dayStart(earliest));
        Instant end = min(dayStart(to), dayStart(now));
        if (!first.isBefore(end)) {
            return live(from, to, now);
        }
        forgetChangedDays(now);
        List<Document> out = new ArrayList<>();
        if (from.isBefore(first)) {
            out.addAll(live(from, first, now));
        }
        out.addAll(kept(first, end, now));
        if (end.isBefore(to)) {
            out.addAll(live(end, to, now));
        }
        return out;
    }

    private List<Document> live(Instant from, Instant to, Instant now) {
        return new ArrayList<>(figure.count(from, to, now, null).values());
    }

    /** Drops the kept days of records stored since the last look, then notes this look's time. */
    private void forgetChangedDays(Instant now) {
        Document seen = days.find(Filters.eq("_id", SEEN)).first();
        Date at = seen == null ? null : seen.getDate("at");
        if (at == null || at.toInstant().isAfter(now)) {
            // never looked, or the clock went back: nothing kept can be trusted
            days.deleteMany(Filters.ne("_id", SEEN));
        } else {
            Set<String> changed = figure.changedDays(at.toInstant().minus(margin));
            if (!changed.isEmpty()) {
                days.deleteMany(Filters.in("_id", changed));
            }
        }
        days.updateOne(Filters.eq("_id", SEEN), Updates.set("at", Date.from(now)), new UpdateOptions().upsert(true));
    }

    /** The days [first, end), read where kept and current, counted from the records (and kept) where not. */
    private List<Document> kept(Instant first, Instant end, Instant now) {
        Map<LocalDate, Document> kept = new HashMap<>();
        days.find(Filters.and(Filters.gte("_id", day(first).toString()), Filters.lt("_id", day(end).toString()),
                Filters.gt("stableUntil", Date.from(now)))).forEach(d -> kept.put(LocalDate.parse(d.getString("_id")), d));
        List<Document> out = new ArrayList<>();
        Instant missingFrom = null;
        for (Instant d = first; d.isBefore(end); d = d.plus(Duration.ofDays(1))) {
            Document doc = kept.get(day(d));
            if (doc == null) {
                missingFrom = missingFrom == null ? d : missingFrom;
                continue;
            }
            if (missingFrom != null) {
                out.addAll(countAndKeep(missingFrom, d, now));
                missingFrom = null;
            }
            out.add(doc);
        }
        if (missingFrom != null) {
            out.addAll(countAndKeep(missingFrom, end, now));
        }
        return out;
    }

    /** Counts the days [from, to) from the records and keeps one document per day, empty days too. */
    private List<Document> countAndKeep(Instant from, Instant to, Instant now) {
        Map<String, Document> counted = figure.count(from, to, now, null);
        List<Document> out = new ArrayList<>();
        Date fresh = Date.from(now.plus(KEPT));
        for (Instant d = from; d.isBefore(to); d = d.plus(Duration.ofDays(1))) {
            String id = day(d).toString();
            Document doc = new Document(counted.getOrDefault(id, new Document("counts", List.of()))).append("_id", id);
            Date stable = doc.getDate("stableUntil");
            doc.put("stableUntil", stable == null || stable.after(fresh) ? fresh : stable);
            days.replaceOne(Filters.eq("_id", id), doc, new ReplaceOptions().upsert(true));
            out.add(doc);
        }
        return out;
    }

    /** How many days are kept (for tests). */
    long keptDays() {
        return days.countDocuments(Filters.ne("_id", SEEN));
    }

    private static LocalDate day(Instant at) {
        return at.atZone(ZoneOffset.UTC).toLocalDate();
    }

    private static Instant dayStart(Instant at) {
        return day(at).atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
