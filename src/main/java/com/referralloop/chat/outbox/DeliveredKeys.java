package com.referralloop.chat.outbox;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Date;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bson.Document;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Indexed;

/**
 * The dedupe keys of sent messages whose outbox rows were pruned, in a compact form (a 128-bit hash of
 * the key as the document id, and when it may be forgotten), so a message enqueued again after the prune
 * is still refused. The hash is the {@code _id}: a lookup is an exact match on the primary key, which
 * every store serves from its index.
 */
final class DeliveredKeys {

    static final String COLLECTION = "delivered_keys";

    /** The stored shape, declared for its TTL index (MongoDB drops an entry at its {@code expiresAt}). */
    @org.springframework.data.mongodb.core.mapping.Document(COLLECTION)
    record DeliveredKey(@Id String id, @Indexed(name = "delivered_keys_expiry", expireAfter = "0s") Instant expiresAt) { }

    private final MongoTemplate mongo;

    DeliveredKeys(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** The compact form of a dedupe key: SHA-256, first 16 bytes, base64url (22 characters). */
    static String compact(String dedupeKey) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(dedupeKey.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(java.util.Arrays.copyOf(hash, 16));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    boolean contains(String dedupeKey) {
        return mongo.getCollection(COLLECTION).find(Filters.eq("_id", compact(dedupeKey)))
                .projection(new Document("_id", 1)).first() != null;
    }

    /** The given dedupe keys that were delivered before and pruned since: one {@code _id $in} query. */
    Set<String> containedOf(Collection<String> dedupeKeys) {
        Map<String, String> byCompact = new LinkedHashMap<>();
        dedupeKeys.forEach(k -> byCompact.put(compact(k), k));
        Set<String> found = new HashSet<>();
        if (byCompact.isEmpty()) {
            return found;
        }
        mongo.getCollection(COLLECTION).find(Filters.in("_id", byCompact.keySet()))
                .projection(new Document("_id", 1))
                .forEach(d -> found.add(byCompact.get(d.getString("_id"))));
        return found;
    }

    /** Remembers these keys until {@code until} (never shortening an earlier, longer promise): one bulk write. */
    void keep(Collection<String> dedupeKeys, Instant until) {
        if (dedupeKeys.isEmpty()) {
            return;
        }
        List<UpdateOneModel<Document>> writes = new ArrayList<>();
        for (String key : dedupeKeys) {
            writes.add(new UpdateOneModel<>(Filters.eq("_id", compact(key)), Updates.max("expiresAt", Date.from(until)),
                    new UpdateOptions().upsert(true)));
        }
        mongo.getCollection(COLLECTION).bulkWrite(writes);
    }

    /**
     * Forgets up to {@code limit} keys past their time. MongoDB's TTL monitor does it too; the embedded
     * store builds no TTL index, so the retention job calls this.
     */
    long forgetExpired(Instant now, int limit) {
        List<Object> ids = new ArrayList<>();
        mongo.getCollection(COLLECTION).find(Filters.lt("expiresAt", Date.from(now)))
                .projection(new Document("_id", 1)).limit(limit).forEach(d -> ids.add(d.get("_id")));
        return ids.isEmpty() ? 0 : mongo.getCollection(COLLECTION).deleteMany(Filters.in("_id", ids)).getDeletedCount();
    }
}
