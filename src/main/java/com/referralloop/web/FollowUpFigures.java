package com.referralloop.web;

import com.referralloop.followup.FollowUpState;
import com.referralloop.web.DashboardFigures.OwnerLoad;
import com.mongodb.client.MongoCollection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * The dashboard's open and overdue follow-ups per owner, counted and grouped in MongoDB over the open states
 * (the period's figures are kept per day: {@link FollowUpDayFigure}), and the expressions both build with.
 */
final class FollowUpFigures {

    private static final List<String> OPEN_STATES = java.util.Arrays.stream(FollowUpState.values())
            .filter(s -> s != FollowUpState.CLOSED).map(Enum::name).toList();

    private final MongoCollection<Document> followUps;

    FollowUpFigures(MongoTemplate mongo) {
        this.followUps = mongo.getCollection("followups");
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

    /** The 0-based rank of the p-th percentile, nearest-rank, as the figures have always been taken. */
    static long rank(long n, double p) {
        return Math.max(0, Math.min(n - 1, (long) Math.ceil(p * n) - 1));
    }

    private Document first(List<Document> pipeline) {
        Document d = followUps.aggregate(pipeline).first();
        return d == null ? new Document() : d;
    }

    private static long num(Document d, String key) {
        return d.get(key) == null ? 0 : ((Number) d.get(key)).longValue();
    }

    static Document one() {
        return new Document("$sum", 1);
    }

    static Document sumIf(Document condition) {
        return new Document("$sum", new Document("$cond", List.of(condition, 1, 0)));
    }

    static Document ifNull(String field) {
        return new Document("$ifNull", java.util.Arrays.asList(field, null));
    }

    static Document gt(Object a, Object b) {
        return new Document("$gt", java.util.Arrays.asList(a, b));
    }

    static Document lte(Object a, Object b) {
        return new Document("$lte", java.util.Arrays.asList(a, b));
    }

    static Document and(Document... parts) {
        return new Document("$and", List.of(parts));
    }

    static Document or(Document... parts) {
        return new Document("$or", List.of(parts));
    }

    static Document not(Document part) {
        return new Document("$not", List.of(part));
    }
}
