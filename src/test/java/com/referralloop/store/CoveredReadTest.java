package com.referralloop.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Updates;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Aggregations read from index entries alone (CoveredRead) give what the same pipeline gives over the
 * documents: two collections get the same documents and writes, one with covering indexes, one with none.
 * Results are compared with their value types (an int read back as a double would differ).
 */
class CoveredReadTest {

    private static final List<String> STATES = List.of("OPEN", "ACKNOWLEDGED", "SNOOZED", "CLOSED");
    private static final List<String> OWNERS = List.of("Ann@x.io", "bob@x.io", "cy@x.io");
    private static final Instant BASE = Instant.parse("2026-01-01T00:00:00Z");

    private final Random random = new Random(7);

    @Test
    void coveredAggregationsAnswerAsTheDocumentsDo(@TempDir Path dir) {
        String file = dir.resolve("store.mv").toString();
        try (StoreAtFile at = new StoreAtFile(file)) {
            MongoCollection<Document> indexed = at.collection("figures");
            MongoCollection<Document> plain = at.collection("plain");
            insert(indexed, plain, 0, 1_000);
            // built from the documents already there, then kept on insert
            indexed.createIndex(Indexes.ascending("at", "kind", "state", "owner", "dueAt", "n"));
            indexed.createIndex(Indexes.ascending("state", "owner", "dueAt"));
            indexed.createIndex(Indexes.ascending("kind", "at"));
            insert(indexed, plain, 1_000, 2_000);
            IndexedCollection store = at.stored("figures");

            assertThat(compare(indexed, plain, store, 150)).as("pipelines read from index entries alone").isGreaterThan(60);
            for (int round = 0; round < 10; round++) {
                Bson filter = filter();
                Bson update = random.nextBoolean() ? Updates.set("state", pick(STATES)) : Updates.set("dueAt", time());
                indexed.updateMany(filter, update);
                plain.updateMany(filter, update);
            }
            assertThat(compare(indexed, plain, store, 150)).as("after updates").isGreaterThan(60);

            // an array in a key field: that index is no longer read alone, and the answers stay the same
            indexed.updateOne(Filters.eq("_id", 5), Updates.set("owner", List.of("a", "b")));
            plain.updateOne(Filters.eq("_id", 5), Updates.set("owner", List.of("a", "b")));
            List<Bson> perOwner = perOwner(Filters.in("state", "OPEN", "SNOOZED"));
            assertThat(store.coveringIndexFor(StoreAtFile.decoded(Filters.in("state", "OPEN", "SNOOZED")),
                    fields(perOwner))).isNull();
            List<Bson> counted = count(Filters.and(Filters.in("state", "OPEN", "SNOOZED"), Filters.eq("owner", "a")));
            assertThat(indexed.aggregate(counted).into(new ArrayList<>())).isEqualTo(plain.aggregate(counted).into(new ArrayList<>()))
                    .isNotEmpty();
        }

        // what the store learnt about arrays outlives a restart
        try (StoreAtFile at = new StoreAtFile(file)) {
            IndexedCollection store = at.stored("figures");
            assertThat(store.coveringIndexFor(StoreAtFile.decoded(Filters.in("state", "OPEN", "SNOOZED")),
                    fields(perOwner(Filters.in("state", "OPEN", "SNOOZED"))))).isNull();
            // both indexes holding the owner hold an array now; the one without it is still read alone
            Bson period = Filters.and(Filters.gte("at", BASE), Filters.lt("at", BASE.plusSeconds(86_400)));
            assertThat(store.coveringIndexFor(StoreAtFile.decoded(period), fields(count(period)))).isNull();
            Bson promoters = Filters.and(period, Filters.eq("kind", "PROMOTER"));
            assertThat(store.coveringIndexFor(StoreAtFile.decoded(promoters), fields(count(promoters)))).isEqualTo("kind_1_at_1");
            assertThat(at.collection("figures").aggregate(count(promoters)).into(new ArrayList<>()))
                    .isEqualTo(at.collection("plain").aggregate(count(promoters)).into(new ArrayList<>())).isNotEmpty();
        }
    }

    @Test
    void aLimitAfterAnExclusionNeedsASortByIdToBeCovered() {
        de.bwaldvogel.mongo.bson.Document match = StoreAtFile.decoded(Filters.eq("state", "OPEN"));
        List<Bson> excluded = List.of(new Document("$group", new Document("_id", "$owner").append("n", new Document("$sum", 1))),
                new Document("$project", new Document("_id", 0).append("n", 0)), new Document("$sort", new Document("x", 1)),
                new Document("$limit", 1));
        assertThat(PipelineFields.of(match, excluded.stream().map(StoreAtFile::decoded).toList())).isNull();
        List<Bson> included = List.of(excluded.get(0), new Document("$project", new Document("_id", 0).append("n", 1)),
                new Document("$sort", new Document("n", 1)), new Document("$limit", 1));
        assertThat(PipelineFields.of(match, included.stream().map(StoreAtFile::decoded).toList())).isNotNull();
    }

    /** Runs random pipelines on both collections; returns how many were read from index entries alone. */
    private int compare(MongoCollection<Document> indexed, MongoCollection<Document> plain, IndexedCollection store, int rounds) {
        int covered = 0;
        for (int i = 0; i < rounds; i++) {
            Bson filter = filter();
            for (List<Bson> pipeline : List.of(count(filter), perOwner(filter), hours(filter), sla(filter), byNumber(filter),
                    wholeDocuments(filter))) {
                String what = pipeline.stream().map(s -> s.toBsonDocument().toJson()).toList().toString();
                if (store.coveringIndexFor(StoreAtFile.decoded(filter), fields(pipeline)) != null) {
                    covered++;
                }
                assertThat(indexed.aggregate(pipeline).into(new ArrayList<>())).as(what)
                        .isEqualTo(plain.aggregate(pipeline).into(new ArrayList<>()));
            }
            assertThat(indexed.countDocuments(filter)).isEqualTo(plain.countDocuments(filter));
        }
        return covered;
    }

    private static List<Bson> count(Bson filter) {
        return List.of(new Document("$match", filter), new Document("$group", new Document("_id", 1).append("n", new Document("$sum", 1))));
    }

    /** As the dashboard's owners table: lower-cased owner or "unassigned", open and overdue, busiest first. */
    private static List<Bson> perOwner(Bson filter) {
        Document overdue = new Document("$cond", List.of(new Document("$and", List.of(
                new Document("$gt", Arrays.asList(new Document("$ifNull", Arrays.asList("$dueAt", null)), null)),
                new Document("$lt", List.of("$dueAt", BASE.plusSeconds(40_000))))), 1, 0));
        return List.of(new Document("$match", filter), new Document("$group", new Document("_id",
                        new Document("$toLower", new Document("$ifNull", List.of("$owner", "unassigned"))))
                        .append("open", new Document("$sum", 1)).append("overdue", new Document("$sum", overdue))),
                new Document("$sort", new Document("overdue", -1).append("_id", 1)), new Document("$limit", 2));
    }

    /** As the time to impact: a difference of two times, sorted, one rank of it. */
    private List<Bson> hours(Bson filter) {
        return List.of(new Document("$match", filter),
                new Document("$project", new Document("_id", 0).append("h", new Document("$subtract", List.of("$dueAt", "$at")))),
                new Document("$sort", new Document("h", 1)), new Document("$skip", random.nextInt(20)), new Document("$limit", 1));
    }

    private static List<Bson> sla(Bson filter) {
        return List.of(new Document("$match", filter), new Document("$group", new Document("_id", "$state")
                .append("late", new Document("$sum", new Document("$cond", List.of(new Document("$gt", List.of("$dueAt", "$at")), 1, 0))))
                .append("avg", new Document("$avg", new Document("$subtract", List.of("$dueAt", "$at"))))),
                new Document("$sort", new Document("_id", 1)));
    }

    /** Groups by and sums a number: its type shows in the answer, so the documents are read. */
    private static List<Bson> byNumber(Bson filter) {
        return List.of(new Document("$match", filter), new Document("$group", new Document("_id", "$n")
                .append("total", new Document("$sum", "$n"))), new Document("$sort", new Document("_id", 1)));
    }

    /** Whole documents come out: never from an index. */
    private static List<Bson> wholeDocuments(Bson filter) {
        return List.of(new Document("$match", filter), new Document("$sort", new Document("_id", 1)), new Document("$limit", 3));
    }

    private Bson filter() {
        Bson period = Filters.and(Filters.gte("at", time()), Filters.lt("at", time().plusSeconds(30_000)));
        return switch (random.nextInt(7)) {
            case 0 -> Filters.and(period, Filters.eq("kind", pick(List.of("PROMOTER", "DETRACTOR"))));
            case 1 -> Filters.and(period, Filters.ne("dueAt", null));
            case 2 -> Filters.in("state", pick(STATES), pick(STATES), pick(STATES));
            case 3 -> Filters.and(period, Filters.or(Filters.eq("state", "CLOSED"), Filters.gt("n", 5)));
            case 4 -> Filters.and(period, Filters.exists("owner"));
            case 5 -> Filters.and(Filters.eq("state", pick(STATES)), Filters.eq("owner", pick(OWNERS)));
            default -> period;
        };
    }

    private void insert(MongoCollection<Document> indexed, MongoCollection<Document> plain, int from, int to) {
        List<Document> batch = new ArrayList<>();
        for (int id = from; id < to; id++) {
            Document doc = new Document("_id", id).append("at", time()).append("kind", random.nextInt(3) == 0 ? "DETRACTOR" : "PROMOTER")
                    .append("state", pick(STATES)).append("n", random.nextInt(10));
            if (random.nextInt(5) > 0) {
                doc.append("owner", pick(OWNERS));
            }
            if (random.nextInt(4) > 0) {
                doc.append("dueAt", time());
            }
            doc.append("text", "not in any index " + id);
            batch.add(doc);
        }
        indexed.insertMany(batch);
        plain.insertMany(batch.stream().map(Document::new).toList());
    }

    private PipelineFields fields(List<Bson> pipeline) {
        List<de.bwaldvogel.mongo.bson.Document> stages = pipeline.stream().map(StoreAtFile::decoded).toList();
        return PipelineFields.of((de.bwaldvogel.mongo.bson.Document) stages.get(0).get("$match"), stages.subList(1, stages.size()));
    }

    private Instant time() {
        return BASE.plusSeconds(60L * random.nextInt(2_000));
    }

    private <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }
}
