package com.referralloop.store;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Updates;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntConsumer;
import org.bson.Document;

/**
 * The embedded store's file format, stock H2 backend against {@link CompactH2Backend}: inserts into a
 * collection with two unique indexes, lookups through one of them, and updates by {@code _id}, from 8
 * threads, with H2's own background commit (no group commit), so only the format differs.
 * Usage: {@code StoreFormatBench [documents]}; prints one line per backend and phase.
 */
public final class StoreFormatBench {

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        for (int round = 1; round <= 2; round++) {
            run("stock  ", n, file -> new H2Backend(file));
            run("compact", n, file -> new CompactH2Backend(file));
        }
    }

    private interface Backends {
        H2Backend open(String file);
    }

    private static void run(String name, int n, Backends backends) throws Exception {
        Path dir = Files.createTempDirectory("store-format");
        H2Backend backend = backends.open(dir.resolve("bench.mv").toString());
        MongoServer server = new MongoServer(backend);
        try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + server.bind().getPort())) {
            MongoCollection<Document> answers = client.getDatabase("bench").getCollection("answers");
            answers.createIndex(Indexes.ascending("source", "responseId"), new IndexOptions().unique(true));
            answers.createIndex(Indexes.ascending("feedbackId"), new IndexOptions().unique(true));
            String comment = "Great product, the onboarding was smooth and support answered within the hour. ".repeat(3);
            double insert = timed(n, i -> answers.insertOne(new Document("_id", "fb-" + i).append("source", "nps-q4")
                    .append("responseId", "r-" + i).append("feedbackId", "f-" + i).append("score", i % 11)
                    .append("comment", comment).append("email", "alice" + i + "@acme.example")
                    .append("receivedAt", Instant.now()).append("tags", List.of("promoter", "q4"))));
            double find = timed(n, i -> answers.find(new Document("source", "nps-q4").append("responseId", "r-" + i)).first());
            double update = timed(n, i -> answers.updateOne(new Document("_id", "fb-" + i), Updates.set("followUpDone", true)));
            System.out.printf("%s  insert %,8.0f/s   indexed find %,8.0f/s   update by _id %,8.0f/s   file %,d KiB%n",
                    name, insert, find, update, Files.size(dir.resolve("bench.mv")) / 1024);
        } finally {
            server.shutdownNow();
            backend.close();
            Files.deleteIfExists(dir.resolve("bench.mv"));
            Files.deleteIfExists(dir);
        }
    }

    private static double timed(int n, IntConsumer op) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        long start = System.nanoTime();
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            int thread = t;
            done.add(pool.submit(() -> {
                for (int i = thread; i < n; i += 8) {
                    op.accept(i);
                }
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();
        return n / ((System.nanoTime() - start) / 1e9);
    }
}
