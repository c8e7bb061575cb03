package com.referralloop.chat.outbox;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.DeleteOneModel;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.index.IndexOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * The sent history, out of the live {@code outbox}: rows sent longer ago than the live window move to
 * {@code outbox_sent} (same shape, same {@code _id}). The embedded store scans the whole collection for every
 * claim, so the live collection holds only what is still to deliver plus a few minutes of sent rows.
 */
@Component
class OutboxArchive implements InitializingBean {

    static final String COLLECTION = "outbox_sent";
    private static final Logger log = LoggerFactory.getLogger(OutboxArchive.class);

    private final MongoTemplate mongo;
    private final DeliveredKeys delivered;

    OutboxArchive(MongoTemplate mongo) {
        this.mongo = mongo;
        this.delivered = new DeliveredKeys(mongo);
    }

    @Override
    public void afterPropertiesSet() {
        createIndexes();
    }

    /**
     * The archive's indexes, named (docs/operations.md "Indexes"). {@code dedupeKey} is unique: the archive holds
     * at most one row per key (a key's row reaches it only once, since {@code delivered_keys} refuses the key from
     * before its live row goes), and a unique index is the one kind the embedded store builds, so a look-up by key
     * is a seek there too.
     */
    void createIndexes() {
        IndexOperations ops = mongo.indexOps(COLLECTION);
        ops.createIndex(new Index().on("dedupeKey", Sort.Direction.ASC).unique().named("outbox_sent_dedupe_key"));
        ops.createIndex(new Index().on("sentAt", Sort.Direction.ASC).named("outbox_sent_sent_at"));
        ops.createIndex(new Index().on("createdAt", Sort.Direction.DESC).on("_id", Sort.Direction.DESC)
                .named("outbox_sent_created"));
        ops.createIndex(new Index().on("subjectId", Sort.Direction.ASC).named("outbox_sent_subject"));
        ops.createIndex(new Index().on("mentions", Sort.Direction.ASC).named("outbox_sent_mentions"));
    }

    /**
     * Moves up to {@code limit} live rows sent before {@code sentBefore}, oldest first. Three steps, each safe to
     * crash after: the keys go to {@code delivered_keys} (so the key is refused before its live row is gone),
     * the rows are written to the archive by {@code _id} (a copy left by a crashed run is overwritten with the
     * live row, which stays the truth while it exists), then each live row is deleted only if it is unchanged
     * since it was read (an erase that redacted it meanwhile keeps it live; the next run copies the redacted
     * row). Returns how many rows were read; fewer than {@code limit} means none is left.
     */
    int moveSent(Instant sentBefore, Instant keepKeysUntil, int limit) {
        Query old = Query.query(Criteria.where("state").is(OutboxState.SENT).and("sentAt").lt(sentBefore))
                .with(Sort.by("sentAt")).limit(limit);
        List<Document> rows = mongo.find(old, Document.class, live());
        if (rows.isEmpty()) {
            return 0;
        }
        delivered.keep(rows.stream().map(d -> d.getString("dedupeKey")).toList(), keepKeysUntil);
        Set<Integer> failed = writeCopies(rows);
        List<DeleteOneModel<Document>> deletes = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            if (!failed.contains(i)) {
                // the whole row as the filter: every field equal to what was copied
                deletes.add(new DeleteOneModel<>(new Document(rows.get(i))));
            }
        }
        if (!deletes.isEmpty()) {
            mongo.getCollection(live()).bulkWrite(deletes, new BulkWriteOptions().ordered(false));
        }
        return rows.size();
    }

    /** Upserts the copies by {@code _id}; returns the positions that could not be written (their rows stay live). */
    private Set<Integer> writeCopies(List<Document> rows) {
        List<ReplaceOneModel<Document>> writes = rows.stream().map(d -> new ReplaceOneModel<>(
                Filters.eq("_id", d.get("_id")), d, new ReplaceOptions().upsert(true))).toList();
        Set<Integer> failed = new HashSet<>();
        try {
            archive().bulkWrite(writes, new BulkWriteOptions().ordered(false));
        } catch (MongoBulkWriteException partly) {
            for (BulkWriteError error : partly.getWriteErrors()) {
                failed.add(error.getIndex());
            }
            log.warn("Outbox archive: {} of {} sent rows not archived, they stay live: {}", failed.size(), rows.size(),
                    partly.getWriteErrors().get(0).getMessage());
        }
        return failed;
    }

    /**
     * Deletes up to {@code limit} archived rows sent before {@code sentBefore}, oldest first ({@code outbox_sent_sent_at}),
     * keeping their keys first as the live prune does. Returns how many were deleted.
     */
    int pruneSent(Instant sentBefore, Instant keepKeysUntil, int limit) {
        return OutboxRetention.prune(mongo, delivered, COLLECTION, Criteria.where("sentAt").lt(sentBefore),
                keepKeysUntil, limit);
    }

    /** The archived row with this key, if any. */
    OutboxMessage byDedupeKey(String dedupeKey) {
        return mongo.findOne(Query.query(Criteria.where("dedupeKey").is(dedupeKey)), OutboxMessage.class, COLLECTION);
    }

    List<OutboxMessage> find(Query query) {
        return mongo.find(query, OutboxMessage.class, COLLECTION);
    }

    long update(Query query, Update update) {
        return mongo.updateMulti(query, update, OutboxMessage.class, COLLECTION).getModifiedCount();
    }

    /** How many rows are archived, from the collection's metadata (no scan; a crashed move's copies count twice). */
    long count() {
        return archive().estimatedDocumentCount();
    }

    private MongoCollection<Document> archive() {
        return mongo.getCollection(COLLECTION);
    }

    private String live() {
        return mongo.getCollectionName(OutboxMessage.class);
    }
}
