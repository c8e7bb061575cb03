package com.referralloop.web;

import com.mongodb.client.MongoCollection;
import com.referralloop.feedback.NpsCategory;
import com.referralloop.web.NpsByDay.DayCount;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;

/**
 * The NPS answers per UTC day, per source and category, as {@link KeptDays} keeps them ({@code nps_days}).
 * Every store of an answer sets its {@code updatedAt} and answers are never deleted, so the answers stored
 * since a time (the {@code feedback_updated} index) name every day whose counts may have changed.
 */
final class NpsDayFigure implements DayFigure {

    private final MongoTemplate mongo;
    private final MongoCollection<Document> answers;

    NpsDayFigure(MongoTemplate mongo) {
        this.mongo = mongo;
        this.answers = mongo.getCollection("feedback");
    }

    @Override
    public String keptIn() {
        return "nps_days";
    }

    @Override
    public Map<String, Document> count(Instant from, Instant to, Instant now, Set<String> accountIds) {
        Criteria period = NpsByDay.answers(from, to, null);
        if (accountIds != null) {
            period = new Criteria().andOperator(period, Criteria.where("accountId").in(accountIds));
        }
        Map<String, List<Document>> byDay = new LinkedHashMap<>();
        for (NpsByDay.SourceCount c : NpsByDay.countBySource(mongo, period)) {
            byDay.computeIfAbsent(c.day().toString(), k -> new ArrayList<>()).add(new Document("source", c.source())
                    .append("category", c.category().name()).append("n", c.n()));
        }
        Map<String, Document> out = new LinkedHashMap<>();
        byDay.forEach((day, counts) -> out.put(day, new Document("_id", day).append("counts", counts)));
        return out;
    }

    @Override
    public Set<String> changedDays(Instant since) {
        Set<String> changed = new HashSet<>();
        DayFigure.daysStampedSince(answers, "updatedAt", since, NpsByDay.dayOf(), changed);
        return changed;
    }

    @Override
    public Instant firstRecord() {
        // an answer is placed by respondedAt, else receivedAt: none lies before the earlier of the two minimums
        Instant responded = DayFigure.firstDate(answers, "respondedAt");
        Instant received = DayFigure.firstDate(answers, "receivedAt");
        return responded == null ? received : received == null || responded.isBefore(received) ? responded : received;
    }

    /** The day documents' counts of one source (null: all), per day and category. */
    static List<DayCount> fold(List<Document> days, String source) {
        List<DayCount> out = new ArrayList<>();
        for (Document day : days) {
            Map<NpsCategory, Long> by = new EnumMap<>(NpsCategory.class);
            for (Document c : day.getList("counts", Document.class)) {
                if (source == null || source.equals(c.getString("source"))) {
                    by.merge(NpsCategory.valueOf(c.getString("category")), ((Number) c.get("n")).longValue(), Long::sum);
                }
            }
            LocalDate d = LocalDate.parse(day.getString("_id"));
            by.forEach((category, n) -> out.add(new DayCount(d, category, n)));
        }
        return out;
    }
}
