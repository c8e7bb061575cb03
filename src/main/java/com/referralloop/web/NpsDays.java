package com.referralloop.web;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.referralloop.feedback.NpsCategory;
import com.referralloop.web.NpsByDay.DayCount;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * The dashboard's NPS counts of past UTC days, kept per day in {@code nps_days} (one small document a day, with
 * its counts per source and category), so a 90-day figure reads 90 documents and counts only the period's two
 * partial days from the answers, however many answers the store holds.
 * <p>
 * Exact, not merely recent: every store of an answer sets its {@code updatedAt} (answers are never deleted), so
 * before it reads, this finds the answers changed since the last look (the {@code feedback_updated} index) and
 * drops the kept days they fall on; a dropped or missing day is counted again from the answers. A margin covers
 * a write whose time was taken before it committed, and a kept day is recounted after {@link #KEPT} anyway.
 * The counts of the owner filter are taken from the answers as before (their accounts are a small part).
 */
final class NpsDays {

    static final String COLLECTION = "nps_days";
    /** The document holding when changed answers were last looked for; its id sorts after every day's. */
    private static final String SEEN = "seen";
    /** Covers writes whose updatedAt was taken before they committed, and clocks of instances a little apart. */
    static final Duration MARGIN = Duration.ofMinutes(10);
    static final Duration KEPT = Duration.ofHours(24);

    private final MongoTemplate mongo;
    private final Duration margin;
    private final MongoCollection<Document> days;
    private final MongoCollection<Document> answers;

    NpsDays(MongoTemplate mongo) {
        this(mongo, MARGIN);
    }

    /** With another margin: a test that writes and reads within seconds sets none, or every answer counts as changed. */
    NpsDays(MongoTemplate mongo, Duration margin) {
        this.mongo = mongo;
        this.margin = margin;
        this.days = mongo.getCollection(COLLECTION);
        this.answers = mongo.getCollection("feedback");
    }

    /** The counts per day and category of answers given in [from, to) of {@code source} (null: all), at {@code now}. */
    List<DayCount> count(Instant from, Instant to, String source, Instant now) {
        Instant first = dayStart(from).equals(from) ? from : dayStart(from).plus(Duration.ofDays(1));
        Instant earliest = earliestAnswer();
        if (earliest == null) {
            return List.of();
        }
        // no answer lies before the earliest answer's day, so "all" starts there instead of in 1970
        first = max(first, dayStart(earliest));
        Instant end = min(dayStart(to), dayStart(now));
        if (!first.isBefore(end)) {
            return live(from, to, source);
        }
        forgetChangedDays(now);
        List<DayCount> out = new ArrayList<>();
        if (from.isBefore(first)) {
            out.addAll(live(from, first, source));
        }
        out.addAll(keptDays(first, end, source, now));
        if (end.isBefore(to)) {
            out.addAll(live(end, to, source));
        }
        return out;
    }

    private List<DayCount> live(Instant from, Instant to, String source) {
        return NpsByDay.count(mongo, NpsByDay.answers(from, to, source));
    }

    /** Drops the kept days of answers stored since the last look, then notes this look's time. */
    private void forgetChangedDays(Instant now) {
        Document seen = days.find(Filters.eq("_id", SEEN)).first();
        Date at = seen == null ? null : seen.getDate("at");
        if (at == null || at.toInstant().isAfter(now)) {
            // never looked, or the clock went back: nothing kept can be trusted
            days.deleteMany(Filters.ne("_id", SEEN));
        } else {
            List<String> changed = new ArrayList<>();
            answers.aggregate(List.of(
                    new Document("$match", new Document("updatedAt", new Document("$gte", Date.from(at.toInstant().minus(margin))))),
                    new Document("$project", new Document("_id", 0).append("day", NpsByDay.dayOf())),
                    new Document("$group", new Document("_id", "$day")))).forEach(d -> {
                        if (d.getString("_id") != null) {
                            changed.add(d.getString("_id"));
                        }
                    });
            if (!changed.isEmpty()) {
                days.deleteMany(Filters.in("_id", changed));
            }
        }
        days.updateOne(Filters.eq("_id", SEEN), Updates.set("at", Date.from(now)), new UpdateOptions().upsert(true));
    }

    /** The days [first, end), read where kept and fresh, counted from the answers (and kept) where not. */
    private List<DayCount> keptDays(Instant first, Instant end, String source, Instant now) {
        Map<LocalDate, Document> kept = new HashMap<>();
        days.find(Filters.and(Filters.gte("_id", day(first).toString()), Filters.lt("_id", day(end).toString()),
                Filters.gte("computedAt", Date.from(now.minus(KEPT))))).forEach(d -> kept.put(LocalDate.parse(d.getString("_id")), d));
        List<DayCount> out = new ArrayList<>();
        Instant runStart = null;
        for (Instant d = first; d.isBefore(end); d = d.plus(Duration.ofDays(1))) {
            Document doc = kept.get(day(d));
            if (doc == null) {
                runStart = runStart == null ? d : runStart;
                continue;
            }
            if (runStart != null) {
                out.addAll(countAndKeep(runStart, d, source, now));
                runStart = null;
            }
            out.addAll(fold(day(d), doc, source));
        }
        if (runStart != null) {
            out.addAll(countAndKeep(runStart, end, source, now));
        }
        return out;
    }

    /** Counts the days [from, to) from the answers, per source, and keeps one document per day (empty days too). */
    private List<DayCount> countAndKeep(Instant from, Instant to, String source, Instant now) {
        Map<LocalDate, List<Document>> byDay = new HashMap<>();
        for (NpsByDay.SourceCount c : NpsByDay.countBySource(mongo, NpsByDay.answers(from, to, null))) {
            byDay.computeIfAbsent(c.day(), k -> new ArrayList<>()).add(new Document("source", c.source())
                    .append("category", c.category().name()).append("n", c.n()));
        }
        List<DayCount> out = new ArrayList<>();
        for (Instant d = from; d.isBefore(to); d = d.plus(Duration.ofDays(1))) {
            Document doc = new Document("_id", day(d).toString()).append("counts", byDay.getOrDefault(day(d), List.of()))
                    .append("computedAt", Date.from(now));
            days.replaceOne(Filters.eq("_id", doc.getString("_id")), doc, new ReplaceOptions().upsert(true));
            out.addAll(fold(day(d), doc, source));
        }
        return out;
    }

    /** A kept day's counts of one source (or of all), per category. */
    private static List<DayCount> fold(LocalDate day, Document doc, String source) {
        Map<NpsCategory, Long> by = new HashMap<>();
        for (Document c : doc.getList("counts", Document.class)) {
            if (source == null || source.equals(c.getString("source"))) {
                by.merge(NpsCategory.valueOf(c.getString("category")), ((Number) c.get("n")).longValue(), Long::sum);
            }
        }
        List<DayCount> out = new ArrayList<>();
        by.forEach((category, n) -> out.add(new DayCount(day, category, n)));
        return out;
    }

    /** When the first answer was given or received, from the two indexes' first entries (null: no answers). */
    private Instant earliestAnswer() {
        Instant earliest = null;
        for (String field : List.of("respondedAt", "receivedAt")) {
            Document d = answers.find(Filters.gte(field, new Date(Long.MIN_VALUE / 2)))
                    .projection(new Document(field, 1).append("_id", 0)).sort(new Document(field, 1)).limit(1).first();
            if (d != null && d.getDate(field) != null) {
                Instant at = d.getDate(field).toInstant();
                earliest = earliest == null ? at : min(earliest, at);
            }
        }
        return earliest;
    }

    /** Days whose kept counts are stored (for tests). */
    Set<String> keptDayIds() {
        Set<String> ids = new HashSet<>();
        days.find(Filters.ne("_id", SEEN)).forEach(d -> ids.add(d.getString("_id")));
        return ids;
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
