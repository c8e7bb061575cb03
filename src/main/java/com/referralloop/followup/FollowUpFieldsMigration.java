package com.referralloop.followup;

import com.referralloop.account.AccountService;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
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
 * lower-case (the exact owner match), a {@code slaCheckAt} on running ones (the SLA timers read only those)
 * and an {@code untrimmedSince} on closed ones (the retention job; their close time is not known, so the
 * retention counts from the upgrade). Each step runs once per store: a marker in {@code migrations}.
 */
@Component
class FollowUpFieldsMigration implements InitializingBean {

    static final String COLLECTION = "migrations";
    static final String OWNER_EMAIL = "followups-owner-email-lower-case";
    static final String SLA_CHECK = "followups-sla-check-at";
    static final String UNTRIMMED = "followups-untrimmed-since";
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
}
