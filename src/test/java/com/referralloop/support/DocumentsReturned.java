package com.referralloop.support;

import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandSucceededEvent;
import java.util.concurrent.atomic.AtomicLong;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.springframework.boot.mongodb.autoconfigure.MongoClientSettingsBuilderCustomizer;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Counts the documents MongoDB hands back to the app (the batches of every find, getMore and aggregate, and
 * the document a findAndModify returns),
 * through a driver command listener. A scale test seeds many rows and asserts this stays small: the count
 * grows with the data exactly when a path reads a collection instead of querying it. Only the commands of the
 * thread that last called {@link #reset()} count (the sync driver calls listeners on the calling thread), so the
 * app's background pollers do not blur the figure. A test {@code @Import}s {@link Config} and autowires this.
 */
public final class DocumentsReturned implements CommandListener {

    private final AtomicLong documents = new AtomicLong();
    private volatile Thread watched;

    /** Registers one listener on the application's MongoClient. */
    @TestConfiguration
    public static class Config {
        @Bean
        DocumentsReturned documentsReturned() {
            return new DocumentsReturned();
        }

        @Bean
        MongoClientSettingsBuilderCustomizer documentsReturnedListener(DocumentsReturned listener) {
            return b -> b.addCommandListener(listener);
        }
    }

    @Override
    public void commandSucceeded(CommandSucceededEvent e) {
        if (Thread.currentThread() != watched) {
            return;
        }
        // a findAndModify (the outbox's claims) hands back its one document as "value", not in a cursor
        if ("findAndModify".equalsIgnoreCase(e.getCommandName())) {
            documents.addAndGet(e.getResponse().isDocument("value") ? 1 : 0);
            return;
        }
        BsonDocument cursor = e.getResponse().getDocument("cursor", null);
        if (cursor == null) {
            return;
        }
        BsonArray batch = cursor.containsKey("firstBatch") ? cursor.getArray("firstBatch")
                : cursor.containsKey("nextBatch") ? cursor.getArray("nextBatch") : new BsonArray();
        documents.addAndGet(batch.size());
    }

    /** Starts counting from zero, for the calling thread only. */
    public void reset() {
        watched = Thread.currentThread();
        documents.set(0);
    }

    public long count() {
        return documents.get();
    }
}
