package com.referralloop.store;

import org.bson.Document;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * MongoDB health by {@code ping}, which every server answers. Boot's own indicator sends {@code hello},
 * which the embedded wire-protocol server does not implement, so it would report the store DOWN.
 */
@Configuration(proxyBeanMethods = false)
class StoreHealthConfiguration {

    @Bean("mongoHealthIndicator")
    HealthIndicator mongoHealthIndicator(MongoTemplate mongo, StoreProperties store) {
        return () -> {
            try {
                Document answer = mongo.executeCommand(new Document("ping", 1));
                boolean ok = answer.get("ok") instanceof Number n && n.doubleValue() == 1.0;
                Health.Builder b = ok ? Health.up() : Health.down();
                return b.withDetail("store", store.embedded() ? "embedded" : "external")
                        .withDetail("database", mongo.getDb().getName()).build();
            } catch (RuntimeException e) {
                return Health.down().withDetail("store", store.embedded() ? "embedded" : "external")
                        .withDetail("error", e.getClass().getSimpleName()).build();
            }
        };
    }
}
