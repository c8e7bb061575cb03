package com.referralloop.account;

import java.time.Clock;
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
 * Lower-cases the owner emails stored before {@link AccountService} lower-cased them on write, so the exact
 * match on the {@code owner_email} index finds them. Runs once, before the server takes requests: a marker in
 * {@code migrations} makes later start-ups skip it, and a crash half-way just redoes the rest next time.
 */
@Component
class OwnerEmailMigration implements InitializingBean {

    static final String COLLECTION = "migrations";
    static final String ID = "accounts-owner-email-lower-case";
    private static final Logger log = LoggerFactory.getLogger(OwnerEmailMigration.class);

    private final MongoTemplate mongo;
    private final Clock clock;

    OwnerEmailMigration(MongoTemplate mongo, Clock clock) {
        this.mongo = mongo;
        this.clock = clock;
    }

    @Override
    public void afterPropertiesSet() {
        if (mongo.exists(Query.query(Criteria.where("_id").is(ID)), COLLECTION)) {
            return;
        }
        // the only scan of accounts by email, once per store; it reads just the id and the email
        Query mixedCase = Query.query(Criteria.where("owner.email").regex("[A-Z]"));
        mixedCase.fields().include("_id").include("owner.email");
        int changed = 0;
        for (Document d : mongo.find(mixedCase, Document.class, "accounts")) {
            String email = d.get("owner", Document.class).getString("email");
            mongo.updateFirst(Query.query(Criteria.where("_id").is(d.get("_id"))),
                    Update.update("owner.email", AccountService.ownerEmailKey(email)), "accounts");
            changed++;
        }
        mongo.save(new Document("_id", ID).append("at", clock.instant()), COLLECTION);
        if (changed > 0) {
            log.info("Lower-cased the owner email of {} accounts (once; exact lookups use the owner_email index)", changed);
        }
    }
}
