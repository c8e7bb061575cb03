package com.referralloop.sla;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

/**
 * The {@code reviews} collection: per account, when its yearly review is due next (indexed, so the review job
 * reads only what is due), when it was last confirmed as still valid and by whom, and when its rating or a
 * consent last changed.
 */
@Service
public class ReviewStore {

    private final MongoTemplate mongo;
    private final SlaProperties props;

    ReviewStore(MongoTemplate mongo, SlaProperties props) {
        this.mongo = mongo;
        this.props = props;
    }

    /** One atomic upsert: sets the last review, appends it to the history, and schedules the next review. */
    public void recordStillValid(String accountId, String by, Instant at) {
        mongo.upsert(byId(accountId), new Update().set("lastReviewedAt", at).set("lastReviewedBy", by)
                .push("history", new Review.Entry(at, by, "still-valid"))
                .max("nextReviewAt", props.reviewDueAfter(at)), Review.class);
    }

    /**
     * A rating or consent of the account was recorded at {@code at}: that counts as a review, so the next one is
     * due a review interval later (never earlier than one already scheduled). One atomic upsert.
     */
    public void changed(String accountId, Instant at) {
        mongo.upsert(byId(accountId), new Update().max("lastChangedAt", at).max("nextReviewAt", props.reviewDueAfter(at)),
                Review.class);
    }

    /** An account on file with no review or change recorded at all: due now (its first review). */
    void scheduleFirst(String accountId, Instant now) {
        mongo.upsert(byId(accountId), new Update().max("nextReviewAt", now), Review.class);
    }

    public Optional<Review> find(String accountId) {
        return Optional.ofNullable(mongo.findById(accountId, Review.class));
    }

    /** Up to {@code limit} reviews due by {@code now}, the most overdue first (the {@code review_next} index). */
    List<Review> due(Instant now, int limit) {
        Query q = Query.query(Criteria.where("nextReviewAt").lte(now)).with(Sort.by("nextReviewAt")).limit(limit);
        q.fields().exclude("history");
        return mongo.find(q, Review.class);
    }

    /** Moves a due review to {@code next} (null: none), unless something moved it since it was read. */
    void reschedule(Review due, Instant next) {
        Query unchanged = Query.query(Criteria.where("_id").is(due.accountId()).and("nextReviewAt").is(due.nextReviewAt()));
        mongo.updateFirst(unchanged, next == null ? new Update().unset("nextReviewAt") : new Update().set("nextReviewAt", next),
                Review.class);
    }

    private static Query byId(String accountId) {
        return Query.query(Criteria.where("_id").is(accountId));
    }
}
