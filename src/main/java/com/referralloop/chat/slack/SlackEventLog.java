package com.referralloop.chat.slack;

import java.time.Clock;
import java.time.Instant;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * Remembers Events API deliveries by {@code event_id}, so Slack's retries (after a slow ack or a
 * lost response) have one effect. The id is the document key, so two instances racing on one
 * retry cannot both win; entries expire after a day, long after Slack stops retrying.
 */
final class SlackEventLog {

    @Document("slack_events")
    record SeenEvent(@Id String id, String type, @Indexed(expireAfter = "1d") Instant receivedAt) { }

    private final MongoTemplate mongo;
    private final Clock clock;

    SlackEventLog(MongoTemplate mongo, Clock clock) {
        this.mongo = mongo;
        this.clock = clock;
    }

    /** True the first time an event id is seen; false for every retry of it. */
    boolean firstDelivery(String eventId, String type) {
        if (eventId == null || eventId.isBlank()) {
            return true;
        }
        try {
            mongo.insert(new SeenEvent(eventId, type, clock.instant()));
            return true;
        } catch (DuplicateKeyException retry) {
            return false;
        }
    }

    /** Forgets an event whose handling failed, so Slack's retry of it is handled again. */
    void forget(String eventId) {
        if (eventId != null && !eventId.isBlank()) {
            mongo.remove(org.springframework.data.mongodb.core.query.Query.query(
                    org.springframework.data.mongodb.core.query.Criteria.where("_id").is(eventId)), SeenEvent.class);
        }
    }
}
