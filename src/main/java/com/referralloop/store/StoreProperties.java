package com.referralloop.store;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where data lives. An empty {@code uri} means: start the embedded wire-protocol MongoDB
 * and keep its data under {@code dataDir}.
 *
 * @param uri      MongoDB connection string of an external server or replica set
 * @param dataDir  directory of the embedded store's file
 * @param database database name used with the embedded store
 * @param inMemory keep the embedded store in memory only (tests and benchmarks)
 */
@ConfigurationProperties("referral.store")
public record StoreProperties(String uri, String dataDir, String database, boolean inMemory) {

    public StoreProperties {
        uri = uri == null ? "" : uri.trim();
        dataDir = dataDir == null || dataDir.isBlank() ? "./data" : dataDir;
        database = database == null || database.isBlank() ? "referral" : database;
    }

    public boolean embedded() {
        return uri.isEmpty();
    }
}
