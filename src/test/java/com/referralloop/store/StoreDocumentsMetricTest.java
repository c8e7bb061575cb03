package com.referralloop.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import de.bwaldvogel.mongo.MongoServer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.boot.mongodb.autoconfigure.MongoClientSettingsBuilderCustomizer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The opt-in diagnostic counts, per collection, the documents MongoDB hands back, and is off unless asked for. */
class StoreDocumentsMetricTest {

    @Test
    void countsTheDocumentsOfEveryBatchAndOfAFindAndModifyPerCollection() {
        MeterRegistry registry = new SimpleMeterRegistry();
        MongoServer server = new MongoServer(CompactH2Backend.inMemoryStore());
        MongoClientSettings settings = MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString("mongodb://127.0.0.1:" + server.bind().getPort()))
                .addCommandListener(new StoreDocumentsMetric.Listener(registry)).build();
        try (MongoClient client = MongoClients.create(settings)) {
            MongoCollection<Document> accounts = client.getDatabase("referral").getCollection("accounts");
            MongoCollection<Document> outbox = client.getDatabase("referral").getCollection("outbox");
            for (int i = 0; i < 250; i++) {
                accounts.insertOne(new Document("_id", "A-" + i));
            }
            outbox.insertOne(new Document("_id", "m-1").append("state", "PENDING"));

            // WHEN the app reads all accounts in batches of 100 (a first batch and two getMores), claims one
            // message, and finds none to claim
            assertThat(accounts.find().batchSize(100).into(new java.util.ArrayList<>())).hasSize(250);
            outbox.findOneAndUpdate(Filters.eq("state", "PENDING"), Updates.set("state", "SENT"));
            outbox.findOneAndUpdate(Filters.eq("state", "PENDING"), Updates.set("state", "SENT"));

            // THEN every document handed back is counted once, under its collection; the empty claim adds nothing
            assertThat(count(registry, "accounts")).isEqualTo(250);
            assertThat(count(registry, "outbox")).isEqualTo(1);
        } finally {
            server.shutdownNow();
        }
    }

    @Test
    void isOnlyRegisteredWhenTheSystemPropertyAsksForIt() {
        ApplicationContextRunner runner = new ApplicationContextRunner().withUserConfiguration(StoreDocumentsMetric.class)
                .withBean(MeterRegistry.class, SimpleMeterRegistry::new);
        runner.run(context -> assertThat(context).doesNotHaveBean(MongoClientSettingsBuilderCustomizer.class));
        runner.withPropertyValues("referral.store.documents-metric=true")
                .run(context -> assertThat(context.getBeansOfType(MongoClientSettingsBuilderCustomizer.class)).hasSize(1));
    }

    private static double count(MeterRegistry registry, String collection) {
        return registry.find(StoreDocumentsMetric.METER).tag("collection", collection).counters().stream()
                .mapToDouble(io.micrometer.core.instrument.Counter::count).sum();
    }
}
