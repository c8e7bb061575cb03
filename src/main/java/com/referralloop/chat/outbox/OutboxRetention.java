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
 * Prunes sent messages, so the outbox holds what is still to deliver and a few weeks of history. A
 * pruned row's dedupe key is kept first, compactly, in {@code delivered_keys}: the same message enqueued
 * again later is still refused (see {@link Outbox#enqueue}).
 */
@Service
public class OutboxRetention {

    private final MongoTemplate mongo;
    private final DeliveredKeys delivered;

    OutboxRetention(MongoTemplate mongo) {
        this.mongo = mongo;
        this.delivered = new DeliveredKeys(mongo);
    }

    /**
     * Deletes up to {@code limit} rows sent before {@code sentBefore}, oldest first, by the {@code outbox_sent}
     * index: their keys go to {@code delivered_keys} (kept until {@code keepKeysUntil}) before the rows go.
     * Returns how many rows were deleted; fewer than {@code limit} means none is left.
     */
    public int pruneSent(Instant sentBefore, Instant keepKeysUntil, int limit) {
        Query old = Query.query(Criteria.where("state").is(OutboxState.SENT).and("sentAt").lt(sentBefore))
                .with(Sort.by("sentAt")).limit(limit);
        old.fields().include("_id").include("dedupeKey");
        List<Object> ids = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        for (Document d : mongo.find(old, Document.class, mongo.getCollectionName(OutboxMessage.class))) {
            ids.add(d.get("_id"));
            keys.add(d.getString("dedupeKey"));
        }
        if (ids.isEmpty()) {
            return 0;
        }
        // the keys first: a crash in between leaves rows and keys, and the next run deletes the rows
        delivered.keep(keys, keepKeysUntil);
        mongo.remove(Query.query(Criteria.where("_id").in(ids).and("state").is(OutboxState.SENT)), OutboxMessage.class);
        return ids.size();
    }

    /** Forgets up to {@code limit} kept keys past their time (MongoDB's TTL index does the same on its own). */
    public long forgetExpiredKeys(Instant now, int limit) {
        return delivered.forgetExpired(now, limit);
    }

    /** Whether a message with this key was delivered and its row pruned since. */
    public boolean deliveredBefore(String dedupeKey) {
        return delivered.contains(dedupeKey);
    }
}
