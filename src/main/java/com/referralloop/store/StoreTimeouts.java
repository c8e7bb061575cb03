package com.referralloop.store;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import java.util.concurrent.TimeUnit;
import org.springframework.boot.mongodb.autoconfigure.MongoClientSettingsBuilderCustomizer;
import org.springframework.boot.mongodb.autoconfigure.MongoConnectionDetails;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * Short store timeouts: the driver's default 30 s server selection would hold a webhook for 30 s when
 * MongoDB is down; failing within seconds answers 503 while the provider still waits, so it retries.
 * Values written in the connection string ({@code serverSelectionTimeoutMS}, {@code connectTimeoutMS}) win.
 */
@Configuration(proxyBeanMethods = false)
class StoreTimeouts {

    @Bean
    MongoClientSettingsBuilderCustomizer storeTimeoutsCustomizer(StoreProperties store, MongoConnectionDetails details) {
        return new Customizer(store, details.getConnectionString());
    }

    /** Runs after Boot's own customizer, which applies the connection string first. */
    static final class Customizer implements MongoClientSettingsBuilderCustomizer, Ordered {

        private final StoreProperties store;
        private final ConnectionString cs;

        Customizer(StoreProperties store, ConnectionString cs) {
            this.store = store;
            this.cs = cs;
        }

        @Override
        public void customize(MongoClientSettings.Builder builder) {
            if (cs == null || cs.getServerSelectionTimeout() == null) {
                builder.applyToClusterSettings(c -> c.serverSelectionTimeout(
                        store.serverSelectionTimeout().toMillis(), TimeUnit.MILLISECONDS));
            }
            if (cs == null || cs.getConnectTimeout() == null) {
                builder.applyToSocketSettings(s -> s.connectTimeout(
                        (int) store.connectTimeout().toMillis(), TimeUnit.MILLISECONDS));
            }
        }

        @Override
        public int getOrder() {
            return Ordered.LOWEST_PRECEDENCE;
        }
    }
}
