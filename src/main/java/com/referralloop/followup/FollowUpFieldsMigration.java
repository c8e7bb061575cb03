package com.referralloop.followup;

import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.WriteModel;
import com.referralloop.account.AccountService;
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
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * Brings follow-ups stored by an older version up to the fields the indexed queries rely on: owner emails
 * lower-case (the exact owner match), a {@code slaCheckAt} on running ones (the SLA timers read only those),
 * an {@code untrimmedSince} on closed ones (the retention job; their close time is not known, so the
 * retention counts from the upgrade), and the answer, first-action and close times (the dashboard). Runs
 * before the server takes requests; each step runs once per store: a marker in {@code migrations}.
 */
@Component
class FollowUpFieldsMigration implements InitializingBean {

    static final String COLLECTION = "migrations";
    static final String OWNER_EMAIL = "followups-owner-email-lower-case";
    static final String SLA_CHECK = "followups-sla-check-at";
    static final String UNTRIMMED = "followups-untrimmed-since";
    static final String TIMES = "followups-answered-acted-closed";
    private static final int BATCH = 500;
    static final List<FollowUpState> RUNNING = List.of(FollowUpState.OPEN, FollowUpState.ACKNOWLEDGED);
    private static final Logger log = LoggerFactory.getLogger(FollowUpFieldsMigration.class);

    private final MongoTemplate mongo;
    private final Clock clock;

    FollowUpFieldsMigration(MongoTemplate mongo, Clock clock) {
        this.mongo = mongo;
        this.clock = clock;
    }

    @Override
    public void afterPropertiesSet() {
        Instant now = clock.instant();
        once(OWNER_EMAIL, this::lowerCaseOwnerEmails);
        // one server-side update each: nothing is read into Java
        once(SLA_CHECK, () -> mongo.updateMulti(Query.query(Criteria.where("state").in(RUNNING)
                .and("slaCheckAt").exists(false)), Update.update("slaCheckAt", now), FollowUp.class).getModifiedCount());
        once(UNTRIMMED, () -> mongo.updateMulti(Query.query(Criteria.where("state").is(FollowUpState.CLOSED)
                .and("untrimmedSince").exists(false)), Update.update("untrimmedSince", now), FollowUp.class).getModifiedCount());
        once(TIMES, this::storeTimes);
    }

    private long lowerCaseOwnerEmails() {
        // the only scan of follow-ups by owner email, once per store; it reads just the id and the email
        Query mixedCase = Query.query(Criteria.where("ownerEmail").regex("[A-Z]"));
        mixedCase.fields().include("_id").include("ownerEmail");
        long changed = 0;
        for (Document d : mongo.find(mixedCase, Document.class, mongo.getCollectionName(FollowUp.class))) {
            mongo.updateFirst(Query.query(Criteria.where("_id").is(d.get("_id"))),
                    Update.update("ownerEmail", AccountService.ownerEmailKey(d.getString("ownerEmail"))), FollowUp.class);
            changed++;
        }
        return changed;
    }

    /**
     * Fills {@code answeredAt}, {@code actedAt} and {@code closedAt} from the answer and the events, so the
     * dashboard counts and times them in MongoDB; in batches by id (never the whole collection in memory), and a
     * crash half-way just redoes the rest next time.
     */
    private long storeTimes() {
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
                Document set = new Document("answeredAt", Date.from(answered.getOrDefault(f.getString("feedbackId"), fallback)))
                        .append("changedAt", Date.from(clock.instant()));
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
        return changed;
    }

    private void once(String id, java.util.function.LongSupplier step) {
        if (mongo.exists(Query.query(Criteria.where("_id").is(id)), COLLECTION)) {
            return;
        }
        long changed = step.getAsLong();
        mongo.save(new Document("_id", id).append("at", clock.instant()), COLLECTION);
        if (changed > 0) {
            log.info("Follow-ups brought up to date ({}): {} changed, once", id, changed);
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
