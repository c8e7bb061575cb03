package com.referralloop.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Aggregates;
import com.mongodb.client.model.Accumulators;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded store's non-unique indexes give the same answers as a scan. Two collections get the same
 * documents and the same writes; one has indexes, the other none, so the library scans it. Every query must
 * return the same documents in the same order, and the same counts and groups.
 */
class SecondaryIndexTest {

    private static final List<String> OWNERS = List.of("ann", "bob", "cy", "dee", "eve", "fay");
    private static final List<String> STATUSES = List.of("OPEN", "SENT", "DEAD");
    private static final Instant BASE = Instant.parse("2026-01-01T00:00:00Z");

    private final Random random = new Random(16);

    @Test
    void everyQueryFindsWhatAScanFinds(@TempDir Path dir) {
        try (StoreAtFile at = new StoreAtFile(dir.resolve("store.mv").toString())) {
            MongoCollection<Document> indexed = at.collection("indexed");
            MongoCollection<Document> plain = at.collection("plain");
            // half the documents before the indexes (built from the collection), half after (kept on insert)
            insert(indexed, plain, 0, 1_500);
            createIndexes(indexed);
            insert(indexed, plain, 1_500, 3_000);

            IndexedCollection store = at.stored("indexed");
            assertThat(compareQueries(indexed, plain, 250, store)).as("queries answered from an index").isGreaterThan(90);
            for (int round = 0; round < 30; round++) {
                Bson filter = randomFilter();
                Bson update = randomUpdate();
                indexed.updateMany(filter, update);
                plain.updateMany(filter, update);
                Bson gone = randomFilter();
                if (round % 10 == 0) {
                    assertThat(indexed.deleteMany(gone).getDeletedCount()).isEqualTo(plain.deleteMany(gone).getDeletedCount());
                }
            }
            assertThat(indexed.countDocuments()).isEqualTo(plain.countDocuments()).isGreaterThan(100);
            assertThat(compareQueries(indexed, plain, 250, store)).as("queries answered from an index").isGreaterThan(90);
        }
    }

    @Test
    void selectiveQueriesAreAnsweredFromAnIndexAndItOutlivesARestart(@TempDir Path dir) {
        String file = dir.resolve("store.mv").toString();
        try (StoreAtFile at = new StoreAtFile(file)) {
            MongoCollection<Document> docs = at.collection("docs");
            createIndexes(docs);
            List<Document> batch = new ArrayList<>();
            for (int i = 0; i < 600; i++) {
                batch.add(new Document("_id", i).append("owner", "owner-" + (i % 60)).append("status", STATUSES.get(i % 3))
                        .append("at", BASE.plusSeconds(60L * i)).append("n", i % 7));
            }
            docs.insertMany(batch);
        }

        try (StoreAtFile at = new StoreAtFile(file)) {
            IndexedCollection store = at.stored("docs");
            // an owner: 10 of 600; the compound index also takes the time range
            assertThat(store.indexFor(query("owner", "owner-7"))).isIn("owner_1", "owner_1_at_-1");
            assertThat(store.indexFor(query("owner", "owner-7", "at", query("$gte", BASE.plusSeconds(3_600)))))
                    .isEqualTo("owner_1_at_-1");
            assertThat(store.indexFor(query("status", "OPEN", "at", query("$lt", BASE.plusSeconds(600)))))
                    .isEqualTo("status_1_at_1");
            // a third of the collection is still cheaper through the index; a condition that is no key is not
            assertThat(store.indexFor(query("status", "OPEN"))).isEqualTo("status_1_at_1");
            assertThat(store.indexFor(query("owner", query("$ne", "owner-7")))).isNull();
            // each branch of an $or through its own index, as the dashboard's "answered in the period, or received in it"
            assertThat(store.indexFor(query("$or", List.of(query("status", "SENT", "at", query("$lt", BASE.plusSeconds(600))),
                    query("owner", "owner-7"))))).isIn("status_1_at_1 + owner_1", "status_1_at_1 + owner_1_at_-1");
            assertThat(store.indexFor(query("$or", List.of(query("owner", "owner-7"), query("owner", query("$ne", "x"))))))
                    .as("a branch no index narrows").isNull();
            assertThat(store.indexFor(query("owner", null))).isNull();
            assertThat(store.indexFor(query("n", query("$gte", 0)))).as("every document: a scan is cheaper").isNull();
            assertThat(store.indexFor(query("_id", "x", "owner", "owner-5"))).as("found by id").isEqualTo("_id_");
            assertThat(store.indexFor(query("$and", List.of(query("_id", query("$in", List.of("x", "y"))),
                    query("at", query("$lt", BASE)))))).as("ids inside $and").isEqualTo("_id_");

            MongoCollection<Document> docs = at.collection("docs");
            assertThat(ids(docs.find(Filters.and(Filters.eq("owner", "owner-7"), Filters.gte("at", BASE.plusSeconds(3_600))))))
                    .containsExactly(67, 127, 187, 247, 307, 367, 427, 487, 547);
            assertThat(docs.countDocuments(Filters.eq("status", "SENT"))).isEqualTo(200);
            assertThat(docs.countDocuments(Filters.in("n", 3, 4L, 5.0))).isEqualTo(257);

            // an index dropped and created again is built again from the documents
            docs.dropIndex("owner_1");
            docs.dropIndex("owner_1_at_-1");
            docs.createIndex(Indexes.ascending("owner"));
            assertThat(store.indexFor(query("owner", "owner-7"))).isEqualTo("owner_1");
            assertThat(ids(docs.find(Filters.eq("owner", "owner-7")))).hasSize(10).contains(7, 67, 547);
        }
    }

    /** Compares the answers to random queries; returns how many of them an index answered. */
    private int compareQueries(MongoCollection<Document> indexed, MongoCollection<Document> plain, int queries,
                               IndexedCollection store) {
        int fromAnIndex = 0;
        for (int i = 0; i < queries; i++) {
            Bson filter = randomFilter();
            String what = filter.toBsonDocument().toJson();
            if (store.indexFor(StoreAtFile.decoded(filter)) != null) {
                fromAnIndex++;
            }
            assertThat(ids(indexed.find(filter))).as(what).isEqualTo(ids(plain.find(filter)));
            assertThat(ids(indexed.find(filter).sort(Sorts.descending("at")).limit(5)))
                    .as("sorted " + what).isEqualTo(ids(plain.find(filter).sort(Sorts.descending("at")).limit(5)));
            assertThat(ids(indexed.find(filter).sort(Sorts.descending("n", "_id")).skip(3).limit(7)))
                    .as("by n " + what).isEqualTo(ids(plain.find(filter).sort(Sorts.descending("n", "_id")).skip(3).limit(7)));
            Instant at = time();
            Bson page = Filters.and(filter, Filters.or(Filters.lt("at", at), Filters.and(Filters.eq("at", at), Filters.lt("_id", 1_500))));
            assertThat(ids(indexed.find(page).sort(Sorts.descending("at", "_id")).limit(20)))
                    .as("page " + what).isEqualTo(ids(plain.find(page).sort(Sorts.descending("at", "_id")).limit(20)));
            Bson older = Filters.and(filter, Filters.lt("at", at));
            assertThat(ids(indexed.find(older).sort(Sorts.ascending("at", "_id")).limit(9)))
                    .as("oldest " + what).isEqualTo(ids(plain.find(older).sort(Sorts.ascending("at", "_id")).limit(9)));
            Bson newer = Filters.gte("n", number());
            assertThat(ids(indexed.find(newer).sort(Sorts.descending("n")).limit(4)))
                    .as("largest n").isEqualTo(ids(plain.find(newer).sort(Sorts.descending("n")).limit(4)));
            assertThat(indexed.countDocuments(filter)).as("count " + what).isEqualTo(plain.countDocuments(filter));
            List<Bson> pipeline = List.of(Aggregates.match(filter), Aggregates.group("$status", Accumulators.sum("n", 1)),
                    Aggregates.sort(Sorts.ascending("_id")));
            assertThat(indexed.aggregate(pipeline).into(new ArrayList<>())).as("groups " + what)
                    .isEqualTo(plain.aggregate(pipeline).into(new ArrayList<>()));
        }
        return fromAnIndex;
    }

    private static void createIndexes(MongoCollection<Document> docs) {
        docs.createIndex(Indexes.ascending("owner"));
        docs.createIndex(Indexes.compoundIndex(Indexes.ascending("owner"), Indexes.descending("at")));
        docs.createIndex(Indexes.compoundIndex(Indexes.ascending("status"), Indexes.ascending("at")));
        docs.createIndex(Indexes.ascending("n"));
        docs.createIndex(Indexes.descending("at"));
        docs.createIndex(Indexes.ascending("tags"));
        docs.createIndex(Indexes.ascending("sub.k"));
    }

    private void insert(MongoCollection<Document> indexed, MongoCollection<Document> plain, int from, int to) {
        List<Document> batch = new ArrayList<>();
        for (int id = from; id < to; id++) {
            batch.add(randomDocument(id));
        }
        indexed.insertMany(batch);
        plain.insertMany(batch.stream().map(Document::new).toList());
    }

    private Document randomDocument(int id) {
        Document doc = new Document("_id", id % 2 == 0 ? id : (Object) ("id-" + id));
        maybe(doc, "owner", ownerValue());
        maybe(doc, "n", number());
        if (random.nextInt(10) > 0) {
            doc.append("at", time());
        }
        doc.append("status", pick(STATUSES));
        List<String> tags = new ArrayList<>();
        for (int t = random.nextInt(4); t > 0; t--) {
            tags.add(pick(List.of("a", "b", "c")));
        }
        doc.append("tags", tags);
        if (random.nextBoolean()) {
            doc.append("sub", random.nextInt(5) == 0 ? List.of(doc("k", pick(OWNERS)), doc("k", pick(OWNERS))) : doc("k", pick(OWNERS)));
        }
        return doc;
    }

    private Bson randomFilter() {
        Bson one = simpleFilter();
        return switch (random.nextInt(6)) {
            case 0 -> Filters.and(one, simpleFilter());
            case 1 -> Filters.and(one, Filters.or(simpleFilter(), simpleFilter()));
            case 2 -> new Document("$and", List.of(one.toBsonDocument(), simpleFilter().toBsonDocument()));
            default -> one;
        };
    }

    private Bson simpleFilter() {
        return switch (random.nextInt(24)) {
            case 0 -> Filters.eq("owner", ownerValue());
            case 1 -> Filters.in("owner", pick(OWNERS), pick(OWNERS), "nobody");
            case 2 -> Filters.ne("owner", pick(OWNERS));
            case 3 -> Filters.exists("owner", random.nextBoolean());
            case 4 -> Filters.regex("owner", "^" + pick(OWNERS).charAt(0));
            case 5 -> Filters.gte("at", time());
            case 6 -> Filters.and(Filters.gt("at", time()), Filters.lte("at", time()));
            case 7 -> Filters.lt("at", time());
            case 8 -> Filters.eq("n", number());
            case 9 -> Filters.in("n", number(), number(), number());
            case 10 -> Filters.gt("n", number());
            case 11 -> Filters.lte("n", number());
            case 12 -> Filters.and(Filters.gte("n", 3), Filters.lt("n", 9.5));
            case 13 -> Filters.eq("tags", pick(List.of("a", "b", "c")));
            case 14 -> Filters.eq("tags", List.of("a", "b"));
            case 15 -> Filters.eq("sub.k", pick(OWNERS));
            case 16 -> Filters.eq("status", pick(STATUSES));
            case 17 -> Filters.in("status", pick(STATUSES), pick(STATUSES));
            case 18 -> Filters.eq("at", BASE.plusSeconds(60L * random.nextInt(1_000)));
            case 19 -> Filters.eq("_id", random.nextInt(3_000));
            case 20 -> Filters.and(Filters.in("_id", "id-" + random.nextInt(3_000), "id-" + random.nextInt(3_000), "nobody"),
                    Filters.lt("at", time()));
            case 22 -> Filters.in("owner", List.of());
            case 21 -> Filters.or(Filters.gte("at", time()), Filters.and(Filters.eq("at", null), Filters.eq("owner", pick(OWNERS))));
            default -> Filters.eq("_id", "id-" + random.nextInt(3_000));
        };
    }

    private Bson randomUpdate() {
        return switch (random.nextInt(5)) {
            case 0 -> Updates.set("owner", ownerValue());
            case 1 -> Updates.unset("owner");
            case 2 -> Updates.set("at", time());
            case 3 -> Updates.push("tags", pick(List.of("a", "b", "c", "d")));
            default -> Updates.inc("n", 1);
        };
    }

    private Object ownerValue() {
        int roll = random.nextInt(20);
        if (roll == 0) {
            return null;
        }
        if (roll == 1) {
            return List.of(pick(OWNERS), pick(OWNERS));
        }
        return pick(OWNERS);
    }

    /** The same number as an int, a long or a double, so equal keys arrive as different types. */
    private Object number() {
        int n = random.nextInt(12);
        return switch (random.nextInt(4)) {
            case 0 -> (long) n;
            case 1 -> n + 0.0;
            case 2 -> n + 0.5;
            default -> n;
        };
    }

    private Instant time() {
        return BASE.plusSeconds(60L * random.nextInt(1_000));
    }

    private void maybe(Document doc, String field, Object value) {
        if (random.nextInt(20) > 0) {
            doc.append(field, value);
        }
    }

    private <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    private static List<Object> ids(Iterable<Document> documents) {
        List<Object> ids = new ArrayList<>();
        documents.forEach(document -> ids.add(document.get("_id")));
        return ids;
    }

    /** A query as the server holds it after decoding. */
    private static de.bwaldvogel.mongo.bson.Document query(Object... keysAndValues) {
        de.bwaldvogel.mongo.bson.Document query = new de.bwaldvogel.mongo.bson.Document();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            query.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return query;
    }

    private static Document doc(String key, Object value) {
        return new Document(key, value);
    }
}
