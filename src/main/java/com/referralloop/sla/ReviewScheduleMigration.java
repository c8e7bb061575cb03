package com.referralloop.sla;

import java.time.Clock;
import org.bson.Document;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * Builds the review schedule ({@code reviews.nextReviewAt}) once per store from the ratings and consents on
 * file, for data stored before the schedule existed; from then on every change keeps it. A marker in
 * {@code migrations} makes later start-ups skip it.
 */
@Component
class ReviewScheduleMigration {

    static final String ID = "reviews-next-review-at";

    private final MongoTemplate mongo;
    private final ReviewJob job;
    private final Clock clock;

    ReviewScheduleMigration(MongoTemplate mongo, ReviewJob job, Clock clock) {
        this.mongo = mongo;
        this.job = job;
        this.clock = clock;
    }

    @EventListener(ApplicationReadyEvent.class)
    void buildOnce() {
        if (mongo.exists(Query.query(Criteria.where("_id").is(ID)), "migrations")) {
            return;
        }
        job.buildSchedule(clock.instant());
        mongo.save(new Document("_id", ID).append("at", clock.instant()), "migrations");
    }
}
