package com.referralloop.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A store file written by the stock H2 backend is copied into the compact format once, losing nothing. */
class LegacyStoreMigrationTest {

    private static final Instant RECEIVED = Instant.parse("2026-11-25T10:00:00Z");

    @Test
    void copiesEveryDocumentAndUniqueIndexAndKeepsTheOldFile(@TempDir Path dir) throws Exception {
        Path legacy = dir.resolve("referral-loop.mv");
        Path current = dir.resolve("referral-loop.v2.mv");
        // GIVEN a stock-format file with 1,200 answers (unique index on source + responseId) and a lock
        withServer(new H2Backend(legacy.toString()), client -> {
            MongoCollection<Document> feedback = client.getDatabase("referral").getCollection("feedback");
            feedback.createIndex(Indexes.ascending("source", "responseId"), new IndexOptions().unique(true).name("source_response"));
            List<Document> answers = new ArrayList<>();
            for (int i = 0; i < 1_200; i++) {
                answers.add(answer(i));
            }
            feedback.insertMany(answers);
            client.getDatabase("referral").getCollection("shedLock")
                    .insertOne(new Document("_id", "followup-sla").append("lockUntil", RECEIVED));
        });

        // WHEN the store starts with the compact format
        assertThat(LegacyStoreMigration.migrateIfPresent(legacy, current)).isTrue();

        // THEN every document is there as it was, the unique index holds, and the old file is kept
        assertThat(legacy).doesNotExist();
        assertThat(dir.resolve("referral-loop.mv.migrated")).exists();
        assertThat(dir.resolve("referral-loop.v2.mv.partial")).doesNotExist();
        withServer(new CompactH2Backend(current.toString()), client -> {
            MongoCollection<Document> feedback = client.getDatabase("referral").getCollection("feedback");
            assertThat(feedback.countDocuments()).isEqualTo(1_200);
            assertThat(feedback.find(new Document("_id", "fb-517")).first()).isEqualTo(answer(517));
            assertThat(feedback.find(new Document("source", "nps-q4").append("responseId", "r-42")).first())
                    .isEqualTo(answer(42));
            assertThatThrownBy(() -> feedback.insertOne(answer(42).append("_id", "another")))
                    .isInstanceOf(MongoWriteException.class).hasMessageContaining("duplicate key");
            assertThat(client.getDatabase("referral").getCollection("shedLock").find().first())
                    .isEqualTo(new Document("_id", "followup-sla").append("lockUntil", java.util.Date.from(RECEIVED)));
        });
        // AND a second start copies nothing again
        assertThat(LegacyStoreMigration.migrateIfPresent(legacy, current)).isFalse();
    }

    @Test
    void doesNothingWithoutALegacyFile(@TempDir Path dir) throws Exception {
        assertThat(LegacyStoreMigration.migrateIfPresent(dir.resolve("referral-loop.mv"), dir.resolve("referral-loop.v2.mv")))
                .isFalse();
        assertThat(Files.list(dir)).isEmpty();
    }

    private static Document answer(int i) {
        return new Document("_id", "fb-" + i).append("source", "nps-q4").append("responseId", "r-" + i)
                .append("score", i % 11).append("comment", "Très bien 👍 #" + i)
                .append("receivedAt", java.util.Date.from(RECEIVED.plusSeconds(i)))
                .append("owner", new Document("email", "owner@acme.example").append("slackId", "U" + i))
                .append("tags", List.of("q4", "promoter"));
    }

    private static void withServer(H2Backend backend, Consumer<MongoClient> work) {
        MongoServer server = new MongoServer(backend);
        try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + server.bind().getPort())) {
            work.accept(client);
        } finally {
            server.shutdownNow();
            backend.close();
        }
    }
}
