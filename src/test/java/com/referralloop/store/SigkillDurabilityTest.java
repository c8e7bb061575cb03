package com.referralloop.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import de.bwaldvogel.mongo.MongoServer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every write the embedded store acknowledged survives SIGKILL of the process, with commits grouped
 * (a separate JVM writes, is killed, and the file is opened again here).
 */
class SigkillDurabilityTest {

    @Test
    void acknowledgedWritesSurviveSigkill(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("referral-loop.mv");
        int writes = 400;
        // GIVEN a child JVM that acknowledged 400 unjournaled marker inserts, 400 inserts and 400 updates from 8 threads
        Process child = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), KilledWriter.class.getName(), file.toString(),
                String.valueOf(writes)))
                .redirectErrorStream(true).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            boolean acked = false;
            while ((line = out.readLine()) != null) {
                if (line.equals("ACKED " + writes)) {
                    acked = true;
                    break;
                }
            }
            assertThat(acked).as("child acknowledged its writes").isTrue();
            // WHEN it is killed at once (SIGKILL: no shutdown hook, no close, no background commit)
            child.destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            child.destroyForcibly();
        }

        // THEN the file holds every acknowledged write
        MongoServer server = new MongoServer(new DurableH2Backend(file.toString()));
        try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + server.bind().getPort())) {
            MongoCollection<Document> answers = client.getDatabase("referral").getCollection("answers");
            assertThat(answers.countDocuments()).isEqualTo(writes);
            assertThat(answers.countDocuments(new Document("followUpDone", true))).isEqualTo(writes);
            // a j:false write is made durable by the commit of the next acknowledged write of its thread
            assertThat(client.getDatabase("referral").getCollection("markers").countDocuments()).isEqualTo(writes);
        } finally {
            server.shutdownNow();
        }
    }
}
