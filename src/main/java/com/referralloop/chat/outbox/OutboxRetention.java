package com.referralloop.chat.outbox;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

/**
 * Keeps the live outbox small and the sent history bounded: sent rows move to the archive
 * ({@link OutboxArchive}) minutes after sending, and are deleted from it after weeks. A row's dedupe key is
 * kept first, compactly, in {@code delivered_keys}, before the row leaves the live outbox: the same message
 * enqueued again later is still refused (see {@link Outbox#enqueue}).
 */
@Service
public class OutboxRetention {

    private final MongoTemplate mongo;
    private final DeliveredKeys delivered;
    private final OutboxArchive archive;

    OutboxRetention(MongoTemplate mongo, OutboxArchive archive) {
        this.mongo = mongo;
        this.delivered = new DeliveredKeys(mongo);
        this.archive = archive;
    }

    /**
     * Moves up to {@code limit} live rows sent before {@code sentBefore} to the archive, keeping their keys until
     * {@code keepKeysUntil} first. Returns how many rows were read; fewer than {@code limit} means none is left.
     */
    public int archiveSent(Instant sentBefore, Instant keepKeysUntil, int limit) {
        return archive.moveSent(sentBefore, keepKeysUntil, limit);
    }

    /**
     * Deletes up to {@code limit} rows sent before {@code sentBefore}, oldest first: from the archive, and from the
     * live outbox (rows a lagging move has not archived yet). Their keys go to {@code delivered_keys} (kept until
     * {@code keepKeysUntil}) before the rows go. Returns how many rows were deleted.
     */
    public int pruneSent(Instant sentBefore, Instant keepKeysUntil, int limit) {
        int archived = archive.pruneSent(sentBefore, keepKeysUntil, limit);
        Criteria sentLive = Criteria.where("state").is(OutboxState.SENT).and("sentAt").lt(sentBefore);
        return archived + prune(mongo, delivered, mongo.getCollectionName(OutboxMessage.class), sentLive, keepKeysUntil,
                limit - archived);
    }

    /** One batch of the prune in one collection: ids and keys by the sent time, the keys kept, then the rows deleted. */
    static int prune(MongoTemplate mongo, DeliveredKeys delivered, String collection, Criteria sentBefore,
                     Instant keepKeysUntil, int limit) {
        if (limit <= 0) {
            return 0;
        }
        Query old = Query.query(sentBefore).with(Sort.by("sentAt")).limit(limit);
        old.fields().include("_id").include("dedupeKey");
        List<Object> ids = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        for (Document d : mongo.find(old, Document.class, collection)) {
            ids.add(d.get("_id"));
            keys.add(d.getString("dedupeKey"));
        }
        if (ids.isEmpty()) {
            return 0;
        }
        // the keys first: a crash in between leaves rows and keys, and the next run deletes the rows
        delivered.keep(keys, keepKeysUntil);
        mongo.remove(Query.query(new Criteria().andOperator(Criteria.where("_id").in(ids), sentBefore)), collection);
        return ids.size();
    }

    /** Forgets up to {@code limit} kept keys past their time (MongoDB's TTL index does the same on its own). */
    public long forgetExpiredKeys(Instant now, int limit) {
        return delivered.forgetExpired(now, limit);
    }

    /** Whether a message with this key was delivered and its row left the live outbox since (archived or pruned). */
    public boolean deliveredBefore(String dedupeKey) {
        return delivered.contains(dedupeKey);
    }
}
