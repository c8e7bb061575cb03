package com.referralloop.web;

import com.referralloop.feedback.Feedback;
import com.referralloop.feedback.NpsCategory;
import com.referralloop.web.DashboardFigures.Nps;
import com.referralloop.web.DashboardFigures.NpsWeek;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.aggregation.Aggregation;
import org.springframework.data.mongodb.core.aggregation.AggregationOperation;
import org.springframework.data.mongodb.core.query.Criteria;

/**
 * NPS answers counted per UTC day and category. MongoDB does the counting ($match first, then $group), so the
 * app receives at most three rows a day of the period however many answers there are, and no cap on rows read
 * can make a figure silently wrong. The NPS and the weekly series are folded from these counts.
 */
final class NpsByDay {

    record DayCount(LocalDate day, NpsCategory category, long n) { }

    private NpsByDay() {
    }

    /** Answers counted per source too: what {@link NpsDayFigure} keeps for a day. */
    record SourceCount(LocalDate day, String source, NpsCategory category, long n) { }

    static List<DayCount> count(MongoTemplate mongo, Criteria answers) {
        List<DayCount> out = new ArrayList<>();
        for (Document d : grouped(mongo, answers, new Document("day", "$day").append("category", "$category"))) {
            Document id = d.get("_id", Document.class);
            if (id.getString("day") != null && id.getString("category") != null) {
                out.add(new DayCount(LocalDate.parse(id.getString("day")), NpsCategory.valueOf(id.getString("category")),
                        ((Number) d.get("n")).longValue()));
            }
        }
        return out;
    }

    static List<SourceCount> countBySource(MongoTemplate mongo, Criteria answers) {
        List<SourceCount> out = new ArrayList<>();
        for (Document d : grouped(mongo, answers, new Document("day", "$day").append("category", "$category")
                .append("source", "$source"))) {
            Document id = d.get("_id", Document.class);
            if (id.getString("day") != null && id.getString("category") != null) {
                out.add(new SourceCount(LocalDate.parse(id.getString("day")), id.getString("source"),
                        NpsCategory.valueOf(id.getString("category")), ((Number) d.get("n")).longValue()));
            }
        }
        return out;
    }

    private static List<Document> grouped(MongoTemplate mongo, Criteria answers, Document key) {
        AggregationOperation day = ctx -> new Document("$project", new Document("category", 1).append("source", 1)
                .append("day", dayOf()));
        AggregationOperation group = ctx -> new Document("$group", new Document("_id", key).append("n", new Document("$sum", 1)));
        return mongo.aggregate(Aggregation.newAggregation(Aggregation.match(answers), day, group),
                "feedback", Document.class).getMappedResults();
    }

    /** The UTC day an answer is placed on: when the customer answered, else when it arrived. */
    static Document dayOf() {
        return new Document("$dateToString", new Document("format", "%Y-%m-%d")
                .append("date", new Document("$ifNull", List.of("$respondedAt", "$receivedAt"))));
    }

    /** Answers given (or, without a respondedAt, received) in [from, to), with a score, of the source when set. */
    static Criteria answers(Instant from, Instant to, String source) {
        List<Criteria> parts = new ArrayList<>();
        parts.add(new Criteria().orOperator(
                Criteria.where("respondedAt").gte(from).lt(to),
                Criteria.where("respondedAt").is(null).and("receivedAt").gte(from).lt(to)));
        if (source != null) {
            parts.add(Criteria.where("source").is(source));
        }
        parts.add(Criteria.where("score").ne(null));
        return new Criteria().andOperator(parts);
    }

    /** The same counts taken in Java from answers already read (the rules' unit tests use this). */
    static List<DayCount> of(List<Feedback> answers) {
        List<DayCount> out = new ArrayList<>();
        for (Feedback a : answers) {
            Instant at = a.respondedAt() != null ? a.respondedAt() : a.receivedAt();
            if (at != null && a.category() != null) {
                out.add(new DayCount(at.atZone(ZoneOffset.UTC).toLocalDate(), a.category(), 1));
            }
        }
        return out;
    }

    static Nps total(List<DayCount> counts) {
        Map<NpsCategory, Long> by = new EnumMap<>(NpsCategory.class);
        counts.forEach(c -> by.merge(c.category(), c.n(), Long::sum));
        long pro = by.getOrDefault(NpsCategory.PROMOTER, 0L);
        long pas = by.getOrDefault(NpsCategory.PASSIVE, 0L);
        long det = by.getOrDefault(NpsCategory.DETRACTOR, 0L);
        long n = pro + pas + det;
        return new Nps(DashboardService.score(pro, det, n), n, pro, pas, det);
    }

    static List<NpsWeek> weeks(List<DayCount> counts) {
        Map<LocalDate, List<DayCount>> byWeek = new TreeMap<>();
        for (DayCount c : counts) {
            LocalDate monday = c.day().with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            byWeek.computeIfAbsent(monday, k -> new ArrayList<>()).add(c);
        }
        List<NpsWeek> weeks = new ArrayList<>();
        byWeek.forEach((week, list) -> {
            Nps n = total(list);
            weeks.add(new NpsWeek(week, n.nps(), n.responses(), n.promoters(), n.passives(), n.detractors()));
        });
        return weeks;
    }
}
