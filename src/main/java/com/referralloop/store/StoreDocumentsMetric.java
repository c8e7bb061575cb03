package com.referralloop.store;

import com.mongodb.event.CommandFailedEvent;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import com.mongodb.event.CommandSucceededEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonValue;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.mongodb.autoconfigure.MongoClientSettingsBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Optional diagnostics (system property {@code referral.store.documents-metric=true}, set by the data-scale
 * benchmark): counts the documents MongoDB hands back to the app, as the counter
 * {@code referral.store.documents.returned} tagged by collection. Every batch of a find, aggregate or getMore
 * counts, and the document a findAndModify returns. A benchmark reads the counter around a request: the figure
 * grows with the data exactly when a path reads a collection instead of querying it. Off by default: the driver
 * then decodes a copy of every command for the listener.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "referral.store.documents-metric", havingValue = "true")
class StoreDocumentsMetric {

    static final String METER = "referral.store.documents.returned";

    @Bean
    MongoClientSettingsBuilderCustomizer documentsReturnedCounter(MeterRegistry registry) {
        Listener listener = new Listener(registry);
        return builder -> builder.addCommandListener(listener);
    }

    /** Counts per collection; the collection of a findAndModify is only in its command, so it is noted at the start. */
    static final class Listener implements CommandListener {

        private final MeterRegistry registry;
        private final Map<String, Counter> counters = new ConcurrentHashMap<>();
        private final Map<Integer, String> findAndModifyCollections = new ConcurrentHashMap<>();

        Listener(MeterRegistry registry) {
            this.registry = registry;
        }

        @Override
        public void commandStarted(CommandStartedEvent e) {
            if ("findandmodify".equals(e.getCommandName().toLowerCase(Locale.ROOT))) {
                BsonValue collection = e.getCommand().get(e.getCommandName());
                findAndModifyCollections.put(e.getRequestId(), collection != null && collection.isString()
                        ? collection.asString().getValue() : "?");
            }
        }

        @Override
        public void commandSucceeded(CommandSucceededEvent e) {
            String findAndModify = findAndModifyCollections.remove(e.getRequestId());
            BsonDocument response = e.getResponse();
            if (findAndModify != null) {
                BsonValue value = response.get("value");
                if (value != null && value.isDocument()) {
                    count(findAndModify, 1);
                }
                return;
            }
            BsonDocument cursor = response.getDocument("cursor", null);
            if (cursor == null) {
                return;
            }
            BsonArray batch = cursor.containsKey("firstBatch") ? cursor.getArray("firstBatch")
                    : cursor.containsKey("nextBatch") ? cursor.getArray("nextBatch") : new BsonArray();
            String ns = cursor.containsKey("ns") && cursor.get("ns").isString() ? cursor.getString("ns").getValue() : "?";
            count(ns.substring(ns.indexOf('.') + 1), batch.size());
        }

        @Override
        public void commandFailed(CommandFailedEvent e) {
            findAndModifyCollections.remove(e.getRequestId());
        }

        private void count(String collection, int documents) {
            if (documents > 0) {
                counters.computeIfAbsent(collection, c -> Counter.builder(METER).tag("collection", c)
                        .description("documents MongoDB returned to the app (diagnostic)").register(registry))
                        .increment(documents);
            }
        }
    }
}
