package com.referralloop.store;

import org.bson.Document;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * The "mongo" component of /actuator/health (and of readiness). It replaces Spring Boot's, which sends the
 * {@code hello} command that the embedded wire-protocol server does not know, so health was DOWN on the
 * default store; {@code ping} works on both the embedded server and a real MongoDB.
 */
@Component("mongoHealthIndicator")
class StoreHealth implements HealthIndicator {

    private final MongoTemplate mongo;
    private final StoreProperties store;

    StoreHealth(MongoTemplate mongo, StoreProperties store) {
        this.mongo = mongo;
        this.store = store;
    }

    @Override
    public Health health() {
        String kind = StringUtils.hasText(store.uri()) ? "external" : store.inMemory() ? "embedded (in memory)" : "embedded (H2 file)";
        try {
            Document r = mongo.executeCommand(new Document("ping", 1));
            return Health.up().withDetail("store", kind).withDetail("database", mongo.getDb().getName())
                    .withDetail("ping", r.get("ok")).build();
        } catch (RuntimeException e) {
            return Health.down().withDetail("store", kind).withDetail("error", e.getClass().getSimpleName()).build();
        }
    }
}
