package com.referralloop.store;

import com.mongodb.ConnectionString;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.MVStoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.mongodb.autoconfigure.MongoConnectionDetails;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Chooses the store: the MongoDB named by {@code MONGODB_URI}, or else an in-process
 * wire-protocol server (mongo-java-server, H2 file backend) so the bot runs with nothing installed.
 */
@Configuration(proxyBeanMethods = false)
class EmbeddedMongoConfiguration {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedMongoConfiguration.class);
    /** The compact format ({@link CompactH2Backend}); the stock backend's file is copied into it once. */
    static final String STORE_FILE = "referral-loop.v2.mv";
    static final String LEGACY_STORE_FILE = "referral-loop.mv";

    @Bean
    MongoConnectionDetails mongoConnectionDetails(StoreProperties store, EmbeddedStore embedded) {
        if (!store.embedded()) {
            ConnectionString cs = new ConnectionString(store.uri());
            log.info("Store: external MongoDB at hosts {} database '{}'", cs.getHosts(), cs.getDatabase());
            return () -> cs;
        }
        ConnectionString cs = new ConnectionString(embedded.connectionString() + "/" + store.database());
        return () -> cs;
    }

    @Bean(destroyMethod = "close")
    EmbeddedStore embeddedStore(StoreProperties store) throws IOException {
        if (!store.embedded()) {
            return EmbeddedStore.none();
        }
        H2Backend backend;
        String where;
        Path compact = null;
        if (store.inMemory()) {
            backend = CompactH2Backend.inMemoryStore();
            where = "memory";
        } else {
            Path dir = Path.of(store.dataDir()).toAbsolutePath().normalize();
            Files.createDirectories(dir);
            Path file = dir.resolve(STORE_FILE);
            LegacyStoreMigration.migrateIfPresent(dir.resolve(LEGACY_STORE_FILE), file);
            backend = open(file, store.cacheMb());
            where = file.toString();
            compact = store.compactOnStop() ? file : null;
        }
        MongoServer server = new MongoServer(backend);
        InetSocketAddress address = server.bind();
        log.info("Store: embedded MongoDB (mongo-java-server, H2) on {}:{} keeping data in {}",
                address.getHostString(), address.getPort(), where);
        return new EmbeddedStore(server, backend, "mongodb://127.0.0.1:" + address.getPort(), compact);
    }

    private static H2Backend open(Path file, int cacheMb) {
        try {
            return new DurableH2Backend(file.toString(), cacheMb);
        } catch (MVStoreException e) {
            if (e.getErrorCode() == DataUtils.ERROR_FILE_LOCKED) {
                throw new StoreFileInUseException(file, e);
            }
            throw e;
        }
    }
}
