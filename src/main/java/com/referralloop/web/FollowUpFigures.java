package com.referralloop.web;

import com.referralloop.followup.FollowUpKind;
import com.referralloop.followup.FollowUpOutcome;
import com.referralloop.followup.FollowUpState;
import com.referralloop.web.DashboardFigures.OwnerLoad;
import com.referralloop.web.DashboardFigures.Sla;
import com.referralloop.web.DashboardFigures.TimeToImpact;
import com.mongodb.client.MongoCollection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Set;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * The dashboard's follow-up figures (promoters acted on, SLA, time to impact, open per owner), counted and
 * grouped in MongoDB over the period's follow-ups: each figure is one $match on the indexed
 * {@code answeredAt} (or {@code state}) and one $group, so it returns a handful of documents whatever the
 * store holds, and no cap can make it silently wrong.
 */
final class FollowUpFigures {

    private static final List<String> IMPACT = List.of(FollowUpOutcome.REFERRAL_ASKED.name(),
            FollowUpOutcome.CONSENT_RECORDED.name(), FollowUpOutcome.TESTIMONIAL_REQUESTED.name(),
            FollowUpOutcome.RESOLVED.name());
    private static final String CLOSED = FollowUpState.CLOSED.name();
    private static final List<String> OPEN_STATES = java.util.Arrays.stream(FollowUpState.values())
            .filter(s -> s != FollowUpState.CLOSED).map(Enum::name).toList();

    private final MongoCollection<Document> followUps;

    FollowUpFigures(MongoTemplate mongo) {
        this.followUps = mongo.getCollection("followups");
    }

    /** The period's follow-ups: their answers given in it, of the source and the owner's accounts when set. */
    static Document period(DashboardFilter f, Set<String> ownedAccounts) {
        Document m = new Document("answeredAt", new Document("$gte", Date.from(f.from())).append("$lt", Date.from(f.to())));
        if (f.source() != null) {
            m.append("source", f.source());
        }
        if (ownedAccounts != null) {
            m.append("accountId", new Document("$in", new ArrayList<>(ownedAccounts)));
        }
        return m;
    }

    /** Promoters' follow-ups in the period, and how many of them a person acted on. */
    long[] promotersActed(Document period) {
        Document promoters = new Document(period).append("kind", FollowUpKind.PROMOTER.name());
        long all = followUps.countDocuments(promoters);
        long acted = followUps.countDocuments(new Document(promoters).append("actedAt", new Document("$ne", null)));
        return new long[] {all, acted};
    }

    Sla sla(Document period, Instant now) {
        Document acted = gt(ifNull("$actedAt"), null);
        Document hasDue = gt(ifNull("$dueAt"), null);
        Document g = group(period, new Document("_id", null).append("n", one())
                .append("onTime", sumIf(and(acted, or(not(hasDue), lte("$actedAt", "$dueAt")))))
                .append("late", sumIf(and(acted, hasDue, gt("$actedAt", "$dueAt"))))
                .append("overdue", sumIf(and(not(acted), new Document("$ne", List.of("$state", CLOSED)), hasDue,
                        new Document("$lt", List.of("$dueAt", Date.from(now)))))));
        long onTime = num(g, "onTime");
        long late = num(g, "late");
        long overdue = num(g, "overdue");
        long judged = onTime + late + overdue;
        return new Sla(onTime, late, overdue, num(g, "n") - judged,
                judged == 0 ? null : (int) Math.round(100.0 * onTime / judged));
    }

    /** Hours from the answer reaching the bot to the close of follow-ups whose outcome moved the loop. */
    TimeToImpact timeToImpact(Document period) {
        Document m = new Document(period).append("state", CLOSED).append("outcome", new Document("$in", IMPACT))
                .append("closedAt", new Document("$ne", null)).append("createdAt", new Document("$ne", null));
        // only the hours: equal ones are then equal documents, whichever the store reads first
        Document hours = new Document("$project", new Document("_id", 0).append("h",
                new Document("$subtract", List.of("$closedAt", "$createdAt"))));
        Document g = first(List.of(new Document("$match", m), hours,
                new Document("$group", new Document("_id", null).append("n", one()).append("avg", new Document("$avg", "$h")))));
        long n = num(g, "n");
        if (n == 0) {
            return new TimeToImpact(0, null, null, null);
        }
        return new TimeToImpact(n, nth(m, hours, rank(n, 0.5)), nth(m, hours, rank(n, 0.9)),
                round(((Number) g.get("avg")).doubleValue() / 3_600_000.0));
    }

    /**
     * Open and overdue follow-ups per owner now, the {@code limit} busiest first ("unassigned" always among them:
     * nobody is told about those); the period does not apply, owner and source do. Sorted and cut in MongoDB, so
     * the answer does not grow with the number of owners.
     */
    List<OwnerLoad> owners(String source, String owner, Instant now, int limit) {
        List<Document> pipeline = perOwner(source, owner, now);
        pipeline.add(new Document("$addFields", new Document("unassigned", new Document("$eq", List.of("$_id", "unassigned")))));
        pipeline.add(new Document("$sort", new Document("unassigned", -1).append("overdue", -1).append("open", -1).append("_id", 1)));
        pipeline.add(new Document("$limit", limit));
        List<OwnerLoad> out = new ArrayList<>();
        followUps.aggregate(pipeline).forEach(d -> out.add(new OwnerLoad(d.getString("_id"), num(d, "open"), num(d, "overdue"))));
        out.sort(Comparator.comparingLong(OwnerLoad::overdue).thenComparingLong(OwnerLoad::open).reversed()
                .thenComparing(OwnerLoad::owner));
        return out;
    }

    /** How many owners (with "unassigned") have follow-ups open now, counted in MongoDB. */
    long ownersWithOpen(String source, String owner, Instant now) {
        List<Document> pipeline = perOwner(source, owner, now);
        pipeline.add(new Document("$count", "n"));
        return num(first(pipeline), "n");
    }

    private static List<Document> perOwner(String source, String owner, Instant now) {
        // the states a follow-up is open in, named: "not closed" cannot be read from the state index
        Document m = new Document("state", new Document("$in", OPEN_STATES));
        if (source != null) {
            m.append("source", source);
        }
        List<Document> pipeline = new ArrayList<>(List.of(new Document("$match", m), new Document("$group",
                new Document("_id", new Document("$toLower", new Document("$ifNull", List.of("$ownerEmail", "unassigned"))))
                        .append("open", one()).append("overdue", sumIf(and(gt(ifNull("$dueAt"), null),
                                new Document("$lt", List.of("$dueAt", Date.from(now)))))))));
        if (owner != null) {
            pipeline.add(new Document("$match", new Document("_id", owner.trim().toLowerCase(java.util.Locale.ROOT))));
        }
        return pipeline;
    }

    private Double nth(Document match, Document hours, long skip) {
        Document d = first(List.of(new Document("$match", match), hours, new Document("$sort", new Document("h", 1)),
                new Document("$skip", skip), new Document("$limit", 1)));
        return d.get("h") == null ? null : round(((Number) d.get("h")).doubleValue() / 3_600_000.0);
    }

    /** The 0-based rank of the p-th percentile, nearest-rank, as the figures have always been taken. */
    static long rank(long n, double p) {
        return Math.max(0, Math.min(n - 1, (long) Math.ceil(p * n) - 1));
    }

    private Document group(Document match, Document group) {
        return first(List.of(new Document("$match", match), new Document("$group", group)));
    }

    private Document first(List<Document> pipeline) {
        Document d = followUps.aggregate(pipeline).first();
        return d == null ? new Document() : d;
    }

    private static long num(Document d, String key) {
        return d.get(key) == null ? 0 : ((Number) d.get(key)).longValue();
    }

    private static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }

    private static Document one() {
        return new Document("$sum", 1);
    }

    private static Document sumIf(Document condition) {
        return new Document("$sum", new Document("$cond", List.of(condition, 1, 0)));
    }

    private static Document ifNull(String field) {
        return new Document("$ifNull", java.util.Arrays.asList(field, null));
    }

    private static Document gt(Object a, Object b) {
        return new Document("$gt", java.util.Arrays.asList(a, b));
    }

    private static Document lte(Object a, Object b) {
        return new Document("$lte", java.util.Arrays.asList(a, b));
    }

    private static Document and(Document... parts) {
        return new Document("$and", List.of(parts));
    }

    private static Document or(Document... parts) {
        return new Document("$or", List.of(parts));
    }

    private static Document not(Document part) {
        return new Document("$not", List.of(part));
    }
}
