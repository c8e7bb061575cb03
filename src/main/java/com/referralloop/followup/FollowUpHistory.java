package com.referralloop.followup;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.Updates;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Set;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Service;

/**
 * Trims the history of follow-ups closed long ago: the events anything still reads stay (created, every
 * state change, the customer question, an erase), the minor ones (reminders, escalations, reply notes,
 * deliveries) go. Replies, outcome and every field stay, so dashboards and exports do not change.
 */
@Service
public class FollowUpHistory {

    /** Event types read after a follow-up closed: the dashboard's time to impact, the CRM feed, the customer question. */
    static final Set<String> KEPT = Set.of("CREATED", "TRANSITION", "CUSTOMER_ASKED", "ERASED");

    private final MongoTemplate mongo;

    FollowUpHistory(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /**
     * Trims up to {@code limit} follow-ups closed before {@code closedBefore}, oldest first, by the sparse
     * {@code followup_untrimmed} index (a trimmed one leaves it). Returns how many were trimmed.
     */
    public int trimClosedBefore(Instant closedBefore, int limit) {
        List<UpdateOneModel<Document>> writes = new ArrayList<>();
        for (Document d : collection().find(Filters.lt("untrimmedSince", Date.from(closedBefore)))
                .projection(new Document("events.type", 1)).sort(new Document("untrimmedSince", 1)).limit(limit)) {
            List<Document> events = d.getList("events", Document.class, List.of());
            long minor = events.stream().filter(e -> !KEPT.contains(e.getString("type"))).count();
            // guarded by the count just read: an event pushed meanwhile (a late reply) makes this one wait for
            // the next run, so trimmedEvents stays exact and the message-update numbering never repeats
            writes.add(new UpdateOneModel<>(Filters.and(Filters.eq("_id", d.get("_id")), Filters.size("events", events.size())),
                    Updates.combine(Updates.pull("events", Filters.nin("type", KEPT)),
                            Updates.inc("trimmedEvents", (int) minor), Updates.unset("untrimmedSince"))));
        }
        return writes.isEmpty() ? 0 : collection().bulkWrite(writes).getModifiedCount();
    }

    private com.mongodb.client.MongoCollection<Document> collection() {
        return mongo.getCollection(mongo.getCollectionName(FollowUp.class));
    }
}
