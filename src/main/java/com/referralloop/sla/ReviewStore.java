package com.referralloop.sla;

import java.time.Instant;
import java.util.Optional;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

/** The {@code reviews} collection: when each account was last confirmed as still valid, and by whom. */
@Service
public class ReviewStore {

    private final MongoTemplate mongo;

    ReviewStore(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** One atomic upsert: sets the last review and appends it to the history. */
    public void recordStillValid(String accountId, String by, Instant at) {
        mongo.upsert(Query.query(Criteria.where("_id").is(accountId)), new Update().set("lastReviewedAt", at)
                .set("lastReviewedBy", by).push("history", new Review.Entry(at, by, "still-valid")), Review.class);
    }

    public Optional<Review> find(String accountId) {
        return Optional.ofNullable(mongo.findById(accountId, Review.class));
    }
}
