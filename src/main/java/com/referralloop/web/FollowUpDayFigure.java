package com.referralloop.web;

import static com.referralloop.web.FollowUpFigures.and;
import static com.referralloop.web.FollowUpFigures.gt;
import static com.referralloop.web.FollowUpFigures.NEVER;
import static com.referralloop.web.FollowUpFigures.ifNull;
import static com.referralloop.web.FollowUpFigures.lte;
import static com.referralloop.web.FollowUpFigures.not;
import static com.referralloop.web.FollowUpFigures.one;
import static com.referralloop.web.FollowUpFigures.or;
import static com.referralloop.web.FollowUpFigures.sumIf;

import com.mongodb.client.MongoCollection;
import com.referralloop.followup.FollowUpKind;
import com.referralloop.followup.FollowUpOutcome;
import com.referralloop.followup.FollowUpState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * The dashboard's follow-up figures (promoters acted on, SLA, time to impact) per UTC day of the answer, per
 * source, as {@link KeptDays} keeps them ({@code followup_days}); {@link FollowUpDayFolds} adds them up.
 * Time to impact is kept as how many follow-ups took each tenth of an hour (the resolution the figure is
 * shown at), so the median and the 90th percentile of a period are exact. A follow-up's figures change only by
 * a transition or a moved deadline, which stamp {@code changedAt}, or by its creation; a day with open
 * follow-ups not yet due is stable only until the first deadline, when one becomes overdue without a write.
 */
final class FollowUpDayFigure implements DayFigure {

    static final List<String> IMPACT = List.of(FollowUpOutcome.REFERRAL_ASKED.name(),
            FollowUpOutcome.CONSENT_RECORDED.name(), FollowUpOutcome.TESTIMONIAL_REQUESTED.name(),
            FollowUpOutcome.RESOLVED.name());
    private static final String CLOSED = FollowUpState.CLOSED.name();
    /** Tenths of an hour, as the figures have always been rounded: Math.round(hours * 10). */
    static final double TENTH_OF_HOUR_MS = 360_000.0;

    private final MongoCollection<Document> followUps;

    FollowUpDayFigure(MongoTemplate mongo) {
        this.followUps = mongo.getCollection("followups");
    }

    @Override
    public String keptIn() {
        return "followup_days";
    }

    @Override
    public Map<String, Document> count(Instant from, Instant to, Instant now, Set<String> accountIds) {
        Document period = new Document("answeredAt", new Document("$gte", Date.from(from)).append("$lt", Date.from(to)));
        if (accountIds != null) {
            period.append("accountId", new Document("$in", new ArrayList<>(accountIds)));
        }
        Map<String, Map<String, Document>> bySource = new LinkedHashMap<>();
        Map<String, Date> stable = new LinkedHashMap<>();
        for (Document g : followUps.aggregate(List.of(new Document("$match", period), sums(now)))) {
            Document id = g.get("_id", Document.class);
            Document entry = new Document("source", id.getString("source"));
            for (String k : List.of("n", "promoters", "acted", "onTime", "late", "overdue")) {
                entry.append(k, ((Number) g.get(k)).longValue());
            }
            entry.append("ttiN", 0L).append("ttiMs", 0L).append("tti", new ArrayList<List<Long>>());
            bySource.computeIfAbsent(id.getString("day"), k -> new LinkedHashMap<>()).put(id.getString("source"), entry);
            Date due = g.getDate("nextDue");
            if (due != null && due.before(NEVER)) {
                stable.merge(id.getString("day"), due, (a, b) -> a.before(b) ? a : b);
            }
        }
        for (Document g : followUps.aggregate(impactTenths(period))) {
            Document id = g.get("_id", Document.class);
            Document entry = bySource.get(id.getString("day")).get(id.getString("source"));
            long n = ((Number) g.get("n")).longValue();
            entry.put("ttiN", entry.getLong("ttiN") + n);
            entry.put("ttiMs", entry.getLong("ttiMs") + ((Number) g.get("ms")).longValue());
            entry.getList("tti", Object.class).add(List.of(((Number) id.get("tenths")).longValue(), n));
        }
        Map<String, Document> out = new LinkedHashMap<>();
        bySource.forEach((day, entries) -> {
            Document doc = new Document("_id", day).append("counts", new ArrayList<>(entries.values()));
            if (stable.containsKey(day)) {
                doc.append("stableUntil", stable.get(day));
            }
            out.put(day, doc);
        });
        return out;
    }

    /** Per day and source: all, promoters, promoters acted on, and the SLA's on time, late and overdue at now. */
    private static Document sums(Instant now) {
        Document acted = gt(ifNull("$actedAt"), null);
        Document hasDue = gt(ifNull("$dueAt"), null);
        Document open = new Document("$ne", List.of("$state", CLOSED));
        Document promoter = new Document("$eq", List.of("$kind", FollowUpKind.PROMOTER.name()));
        Document waiting = and(not(acted), open, hasDue);
        return new Document("$group", new Document("_id", new Document("day", day()).append("source", "$source"))
                .append("n", one())
                .append("promoters", sumIf(promoter))
                .append("acted", sumIf(and(promoter, acted)))
                .append("onTime", sumIf(and(acted, or(not(hasDue), lte("$actedAt", "$dueAt")))))
                .append("late", sumIf(and(acted, hasDue, gt("$actedAt", "$dueAt"))))
                .append("overdue", sumIf(and(waiting, new Document("$lt", List.of("$dueAt", Date.from(now))))))
                // the first deadline still ahead: the day's overdue count changes then, without a write
                .append("nextDue", new Document("$min", new Document("$cond", List.of(
                        and(waiting, new Document("$gte", List.of("$dueAt", Date.from(now)))), "$dueAt", NEVER)))));
    }

    /** Per day, source and tenth of an hour: how many impact closes took that long, and their exact sum. */
    private static List<Document> impactTenths(Document period) {
        Document m = new Document(period).append("state", CLOSED).append("outcome", new Document("$in", IMPACT))
                .append("closedAt", new Document("$ne", null)).append("createdAt", new Document("$ne", null));
        Document h = new Document("$subtract", List.of("$closedAt", "$createdAt"));
        return List.of(new Document("$match", m),
                new Document("$project", new Document("_id", 0).append("day", day()).append("source", 1).append("h", h)),
                new Document("$group", new Document("_id", new Document("day", "$day").append("source", "$source")
                        .append("tenths", new Document("$floor", new Document("$add", List.of(
                                new Document("$divide", List.of("$h", TENTH_OF_HOUR_MS)), 0.5)))))
                        .append("n", one()).append("ms", new Document("$sum", "$h"))));
    }

    private static Document day() {
        return new Document("$dateToString", new Document("format", "%Y-%m-%d").append("date", "$answeredAt"));
    }

    @Override
    public Set<String> changedDays(Instant since) {
        Set<String> changed = new HashSet<>();
        for (String stamp : List.of("changedAt", "createdAt")) {
            DayFigure.daysStampedSince(followUps, stamp, since, day(), changed);
        }
        return changed;
    }

    @Override
    public Instant firstRecord() {
        return DayFigure.firstDate(followUps, "answeredAt");
    }
}
