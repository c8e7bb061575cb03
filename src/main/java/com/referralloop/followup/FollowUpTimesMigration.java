package com.referralloop.followup;

import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.WriteModel;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * Fills {@code answeredAt}, {@code actedAt} and {@code closedAt} on follow-ups stored before they were kept,
 * from the answer and the events, so the dashboard can count and time them in MongoDB. Runs once before the
 * server takes requests, in batches (never the whole collection in memory); a marker in {@code migrations}
 * makes later start-ups skip it, and a crash half-way just redoes the rest next time.
 */
@Component
class FollowUpTimesMigration implements InitializingBean {

    static final String ID = "followups-answered-acted-closed";
    private static final int BATCH = 500;
    private static final Logger log = LoggerFactory.getLogger(FollowUpTimesMigration.class);

    private final MongoTemplate mongo;
    private final Clock clock;

    FollowUpTimesMigration(MongoTemplate mongo, Clock clock) {
        this.mongo = mongo;
        this.clock = clock;
    }

    @Override
    public void afterPropertiesSet() {
        if (mongo.exists(Query.query(Criteria.where("_id").is(ID)), "migrations")) {
            return;
        }
        long changed = 0;
        String after = "";
        while (true) {
            Query q = Query.query(Criteria.where("answeredAt").exists(false).and("_id").gt(after))
                    .with(org.springframework.data.domain.Sort.by("_id")).limit(BATCH);
            q.fields().include("_id").include("feedbackId").include("createdAt").include("events");
            // raw documents: only the fields read here, whatever else an old follow-up lacks
            List<Document> batch = mongo.find(q, Document.class, "followups");
            if (batch.isEmpty()) {
                break;
            }
            Map<String, Instant> answered = answeredAt(batch);
            List<WriteModel<Document>> updates = new ArrayList<>();
            for (Document f : batch) {
                List<FollowUpEvent> events = events(f);
                Date created = f.getDate("createdAt");
                Instant fallback = created == null ? clock.instant() : created.toInstant();
                Document set = new Document("answeredAt", Date.from(answered.getOrDefault(f.getString("feedbackId"), fallback)));
                events.stream().filter(FollowUpEvent::isHumanAction).map(FollowUpEvent::at)
                        .min(Comparator.naturalOrder()).ifPresent(at -> set.append("actedAt", Date.from(at)));
                events.stream().filter(e -> "TRANSITION".equals(e.type()) && e.to() == FollowUpState.CLOSED)
                        .map(FollowUpEvent::at).max(Comparator.naturalOrder()).ifPresent(at -> set.append("closedAt", Date.from(at)));
                updates.add(new UpdateOneModel<>(new Document("_id", f.get("_id")), new Document("$set", set)));
            }
            mongo.getCollection("followups").bulkWrite(updates);
            changed += batch.size();
            after = batch.get(batch.size() - 1).getString("_id");
        }
        mongo.save(new Document("_id", ID).append("at", clock.instant()), "migrations");
        if (changed > 0) {
            log.info("Stored answer, first-action and close times on {} follow-ups (once; the dashboard groups them in MongoDB)",
                    changed);
        }
    }

    /** The answers' own times, read by id for one batch. */
    private Map<String, Instant> answeredAt(List<Document> batch) {
        Query q = Query.query(Criteria.where("_id").in(batch.stream().map(d -> d.getString("feedbackId")).toList()));
        q.fields().include("_id").include("respondedAt").include("receivedAt");
        Map<String, Instant> out = new HashMap<>();
        for (Document d : mongo.find(q, Document.class, "feedback")) {
            Object at = d.get("respondedAt") != null ? d.get("respondedAt") : d.get("receivedAt");
            if (at instanceof Date date) {
                out.put(d.getString("_id"), date.toInstant());
            }
        }
        return out;
    }

    private static List<FollowUpEvent> events(Document f) {
        List<FollowUpEvent> out = new ArrayList<>();
        for (Document e : f.getList("events", Document.class, List.of())) {
            Date at = e.getDate("at");
            String to = e.getString("to");
            if (at != null) {
                out.add(new FollowUpEvent(at.toInstant(), e.getString("type"), e.getString("by"), null,
                        to == null ? null : FollowUpState.valueOf(to), null));
            }
        }
        return out;
    }
}
