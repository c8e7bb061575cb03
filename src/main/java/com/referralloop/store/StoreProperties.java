package com.referralloop.store;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where data lives. An empty {@code uri} means: start the embedded wire-protocol MongoDB
 * and keep its data under {@code dataDir}.
 *
 * @param uri      MongoDB connection string of an external server or replica set
 * @param dataDir  directory of the embedded store's file
 * @param database database name used with the embedded store
 * @param inMemory keep the embedded store in memory only (the Slack ack benchmark; tests use files)
 * @param serverSelectionTimeout how long a request waits for a reachable server before failing (503)
 * @param connectTimeout         TCP connect timeout to the store
 * @param compactOnStop          rewrite the embedded store's file without its dead chunks when the bot stops
 * @param cacheMb                the embedded store's page cache in MiB (H2's default, 16, re-read every page
 *                               of a large file from disk)
 */
@ConfigurationProperties("referral.store")
public record StoreProperties(String uri, String dataDir, String database, boolean inMemory,
                              Duration serverSelectionTimeout, Duration connectTimeout, Boolean compactOnStop,
                              Integer cacheMb) {

    public StoreProperties {
        serverSelectionTimeout = serverSelectionTimeout == null ? Duration.ofSeconds(3) : serverSelectionTimeout;
        connectTimeout = connectTimeout == null ? Duration.ofSeconds(2) : connectTimeout;
        uri = uri == null ? "" : uri.trim();
        dataDir = dataDir == null || dataDir.isBlank() ? "./data" : dataDir;
        database = database == null || database.isBlank() ? "referral" : database;
        compactOnStop = compactOnStop == null || compactOnStop;
        cacheMb = cacheMb == null || cacheMb < 1 ? CompactH2Backend.DEFAULT_CACHE_MB : cacheMb;
    }

    public boolean embedded() {
        return uri.isEmpty();
    }
}
