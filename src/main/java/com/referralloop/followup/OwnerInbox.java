package com.referralloop.followup;

import com.mongodb.MongoWriteException;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * Per owner, the ids of their follow-ups not closed yet, so "my open follow-ups" (the list command, App
 * Home, the playground) is two lookups by key instead of a query over every follow-up ever opened (which
 * the embedded store answers by scanning them all). An id is added before the answer counts as done, so a
 * crash cannot leave a follow-up out (the re-run adds it again); ids of closed or erased follow-ups are
 * dropped when closed, or when a read finds them stale.
 */
@Component
class OwnerInbox {

    static final String COLLECTION = "owner_inbox";
    private static final String BUILT = "#built";
    private static final Logger log = LoggerFactory.getLogger(OwnerInbox.class);

    private final MongoTemplate mongo;

    OwnerInbox(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** Adds follow-ups to their owners' inboxes: one round trip whatever their number (idempotent). */
    void added(Collection<FollowUp> followUps) {
        Map<String, List<String>> byOwner = new LinkedHashMap<>();
        for (FollowUp f : followUps) {
            if (f.ownerEmail() != null && f.state() != FollowUpState.CLOSED) {
                byOwner.computeIfAbsent(key(f.ownerEmail()), k -> new ArrayList<>()).add(f.id());
            }
        }
        if (byOwner.isEmpty()) {
            return;
        }
        List<UpdateOneModel<Document>> writes = new ArrayList<>();
        byOwner.forEach((owner, ids) -> writes.add(new UpdateOneModel<>(new Document("_id", owner),
                Updates.addEachToSet("open", ids), new UpdateOptions().upsert(true))));
        mongo.getCollection(COLLECTION).bulkWrite(writes);
    }

    void removed(String ownerEmail, Collection<String> ids) {
        if (ownerEmail == null || ids.isEmpty()) {
            return;
        }
        Bson pull = Updates.pullAll("open", new ArrayList<>(ids));
        mongo.getCollection(COLLECTION).updateOne(new Document("_id", key(ownerEmail)), pull);
    }

    /** The ids in the owner's inbox (may include a few stale ones: the caller checks each follow-up). */
    List<String> openIds(String ownerEmail) {
        Document inbox = mongo.getCollection(COLLECTION).find(new Document("_id", key(ownerEmail))).first();
        return inbox == null ? List.of() : inbox.getList("open", String.class, List.of());
    }

    /** Fills the inboxes once from the follow-ups already stored (data from before the inbox existed). */
    @EventListener(ApplicationReadyEvent.class)
    void buildOnce() {
        if (mongo.getCollection(COLLECTION).find(new Document("_id", BUILT)).first() != null) {
            return;
        }
        List<FollowUp> open = mongo.find(Query.query(Criteria.where("state").ne(FollowUpState.CLOSED)
                .and("ownerEmail").ne(null)), FollowUp.class);
        added(open);
        try {
            mongo.getCollection(COLLECTION).insertOne(new Document("_id", BUILT));
        } catch (MongoWriteException builtElsewhere) {
            // another instance finished first; both added the same ids
        }
        if (!open.isEmpty()) {
            log.info("Owner inboxes built from {} open follow-ups", open.size());
        }
    }

    private static String key(String email) {
        return email.trim().toLowerCase(Locale.ROOT);
    }
}
