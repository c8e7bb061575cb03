package com.referralloop.store;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies a store file written by the stock H2 backend (releases before the compact format) into a file in
 * the compact format, once, at start-up: every database, collection, index and document, through two
 * in-process servers and the driver, so the copy is made by the same code paths as normal writes. The copy
 * is written under a temporary name and renamed when complete, so a crash mid-way starts it again; the
 * old file is kept, renamed, as a backup.
 */
final class LegacyStoreMigration {

    private static final Logger log = LoggerFactory.getLogger(LegacyStoreMigration.class);
    private static final Set<String> SERVER_DATABASES = Set.of("admin", "local", "config");
    private static final int BATCH = 500;

    private LegacyStoreMigration() {
    }

    /** Returns true when a legacy file was found and copied to {@code current}. */
    static boolean migrateIfPresent(Path legacy, Path current) throws IOException {
        if (!Files.exists(legacy) || Files.exists(current)) {
            return false;
        }
        Path partial = current.resolveSibling(current.getFileName() + ".partial");
        Files.deleteIfExists(partial);
        log.info("Store: copying {} into the compact format at {}", legacy, current);
        long documents = copy(legacy, partial);
        Files.move(partial, current, StandardCopyOption.ATOMIC_MOVE);
        Path backup = legacy.resolveSibling(legacy.getFileName() + ".migrated");
        Files.move(legacy, backup, StandardCopyOption.REPLACE_EXISTING);
        log.info("Store: copied {} documents; the old file is kept as {}", documents, backup);
        return true;
    }

    private static long copy(Path legacy, Path target) {
        H2Backend oldBackend = new H2Backend(legacy.toString());
        CompactH2Backend newBackend = new CompactH2Backend(target.toString());
        MongoServer from = new MongoServer(oldBackend);
        MongoServer to = new MongoServer(newBackend);
        try (MongoClient source = MongoClients.create("mongodb://127.0.0.1:" + from.bind().getPort());
             MongoClient sink = MongoClients.create("mongodb://127.0.0.1:" + to.bind().getPort())) {
            long documents = 0;
            for (String name : source.listDatabaseNames()) {
                if (!SERVER_DATABASES.contains(name)) {
                    documents += copyDatabase(source.getDatabase(name), sink.getDatabase(name));
                }
            }
            return documents;
        } finally {
            from.shutdownNow();
            to.shutdownNow();
            oldBackend.close();
            newBackend.close();
        }
    }

    private static long copyDatabase(MongoDatabase source, MongoDatabase sink) {
        long documents = 0;
        for (String collection : source.listCollectionNames()) {
            if (collection.startsWith("system.")) {
                continue;
            }
            List<Document> indexes = new ArrayList<>();
            for (Document index : source.getCollection(collection).listIndexes()) {
                if (!"_id_".equals(index.getString("name"))) {
                    index.remove("ns");
                    indexes.add(index);
                }
            }
            sink.createCollection(collection);
            if (!indexes.isEmpty()) {
                sink.runCommand(new Document("createIndexes", collection).append("indexes", indexes));
            }
            documents += copyDocuments(source.getCollection(collection, RawBsonDocument.class),
                    sink.getCollection(collection, RawBsonDocument.class));
        }
        return documents;
    }

    private static long copyDocuments(MongoCollection<RawBsonDocument> source, MongoCollection<RawBsonDocument> sink) {
        long copied = 0;
        List<RawBsonDocument> batch = new ArrayList<>(BATCH);
        for (RawBsonDocument document : source.find().batchSize(BATCH)) {
            batch.add(document);
            if (batch.size() == BATCH) {
                sink.insertMany(batch);
                copied += batch.size();
                batch.clear();
            }
        }
        if (!batch.isEmpty()) {
            sink.insertMany(batch);
            copied += batch.size();
        }
        return copied;
    }
}
