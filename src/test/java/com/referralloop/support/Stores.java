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
}
