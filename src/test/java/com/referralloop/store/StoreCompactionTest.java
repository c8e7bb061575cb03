package com.referralloop.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import de.bwaldvogel.mongo.MongoServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A clean stop rewrites the embedded store's file without its dead chunks, and every document is still there. */
class StoreCompactionTest {

    @Test
    void aCleanStopShrinksTheFileAndKeepsEveryDocument(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("store.mv");
        // GIVEN a store that took many writes: documents inserted, each updated five times, half deleted
        long uncompacted = writeAndClose(file, null);
        Path copy = dir.resolve("copy.mv");
        // the same history again, this time closed with compaction
        long compacted = writeAndClose(copy, copy);

        // THEN the compacted file is a fraction of the other one
        assertThat(compacted).isLessThan(uncompacted / 2);
        // AND it opens with every live document and its last value
        DurableH2Backend backend = new DurableH2Backend(copy.toString());
        MongoServer server = new MongoServer(backend);
        try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + server.bind().getPort())) {
            MongoCollection<Document> docs = client.getDatabase("referral").getCollection("docs");
            assertThat(docs.countDocuments()).isEqualTo(1_000);
            assertThat(docs.find(Filters.eq("_id", 1)).first()).containsEntry("version", 5);
            assertThat(docs.find(Filters.eq("_id", 0)).first()).isNull();
        } finally {
            new EmbeddedStore(server, backend, null).close();
        }
    }

    /** Writes the history and closes the store, compacting {@code compact} when set; returns the file's size. */
    private static long writeAndClose(Path file, Path compact) throws Exception {
        DurableH2Backend backend = new DurableH2Backend(file.toString());
        MongoServer server = new MongoServer(backend);
        EmbeddedStore store = new EmbeddedStore(server, backend, null, compact);
        try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + server.bind().getPort())) {
            MongoCollection<Document> docs = client.getDatabase("referral").getCollection("docs");
            List<Document> batch = new ArrayList<>();
            for (int i = 0; i < 2_000; i++) {
                batch.add(new Document("_id", i).append("text", "x".repeat(500)).append("version", 0));
            }
            docs.insertMany(batch);
            for (int v = 1; v <= 5; v++) {
                for (int i = 0; i < 2_000; i += 50) {
                    docs.updateMany(Filters.and(Filters.gte("_id", i), Filters.lt("_id", i + 50)), Updates.set("version", v));
                }
            }
            docs.deleteMany(Filters.mod("_id", 2, 0));
        } finally {
            store.close();
        }
        return Files.size(file);
    }
}
