package com.referralloop.support;

import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * Empties every collection between tests. Deleting documents keeps the unique indexes (dropping the
 * database loses them until the next start) and does not race the embedded H2 store's background
 * readers the way a drop does ("Map is closed").
 */
public final class Stores {

    private Stores() {
    }

    public static void clear(MongoTemplate mongo) {
        for (String name : mongo.getCollectionNames()) {
            if (!name.startsWith("system.")) {
                mongo.getCollection(name).deleteMany(new Document());
            }
        }
    }

    /** Seeds many documents through the driver, 5,000 to a call: the way a scale test fills a store in seconds. */
    public static void insertInBatches(MongoTemplate mongo, String collection, java.util.List<Document> docs) {
        for (int i = 0; i < docs.size(); i += 5_000) {
            mongo.getCollection(collection).insertMany(docs.subList(i, Math.min(docs.size(), i + 5_000)));
        }
    }
}
