package com.referralloop.followup;

import static org.assertj.core.api.Assertions.assertThat;

import com.referralloop.support.IntegrationTest;
import com.referralloop.support.Stores;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;

/** Follow-ups stored before the dashboard times were kept get them once, from their answer and their events. */
@IntegrationTest
class FollowUpFieldsMigrationTest {

    @Autowired
    MongoTemplate mongo;

    @Test
    void oldFollowUpsGetTheirAnswerActionAndCloseTimesOnce() {
        Stores.clear(mongo);
        Instant created = Instant.parse("2026-10-01T10:00:00Z");
        mongo.getCollection("feedback").insertOne(new Document("_id", "nps|r-1")
                .append("respondedAt", Date.from(Instant.parse("2026-10-01T09:00:00Z"))).append("receivedAt", Date.from(created)));
        mongo.getCollection("followups").insertMany(List.of(
                new Document("_id", "F1").append("feedbackId", "nps|r-1").append("createdAt", Date.from(created))
                        .append("events", List.of(event("2026-10-01T10:00:00Z", "CREATED", "system", "OPEN"),
                                event("2026-10-01T12:00:00Z", "TRANSITION", "Referral Loop", "OPEN"),
                                event("2026-10-02T08:00:00Z", "TRANSITION", "<@U0REP>", "ACKNOWLEDGED"),
                                event("2026-10-03T08:00:00Z", "TRANSITION", "<@U0REP>", "CLOSED"))),
                new Document("_id", "F2").append("feedbackId", "gone|r-2").append("createdAt", Date.from(created))
                        .append("events", List.of(event("2026-10-01T10:00:00Z", "CREATED", "system", "OPEN")))));

        FollowUpFieldsMigration migration = new FollowUpFieldsMigration(mongo, Clock.systemUTC());
        migration.afterPropertiesSet();

        Document f1 = mongo.findById("F1", Document.class, "followups");
        assertThat(f1.getDate("answeredAt").toInstant()).isEqualTo(Instant.parse("2026-10-01T09:00:00Z"));
        assertThat(f1.getDate("actedAt").toInstant()).as("the scheduler's wake-up is not an action")
                .isEqualTo(Instant.parse("2026-10-02T08:00:00Z"));
        assertThat(f1.getDate("closedAt").toInstant()).isEqualTo(Instant.parse("2026-10-03T08:00:00Z"));
        Document f2 = mongo.findById("F2", Document.class, "followups");
        assertThat(f2.getDate("answeredAt").toInstant()).as("no answer on file: the follow-up's own time").isEqualTo(created);
        assertThat(f2.containsKey("actedAt")).isFalse();
        assertThat(mongo.exists(org.springframework.data.mongodb.core.query.Query.query(
                org.springframework.data.mongodb.core.query.Criteria.where("_id").is(FollowUpFieldsMigration.TIMES)), "migrations")).isTrue();

        // a second start-up finds the marker and leaves the follow-ups as they are
        mongo.getCollection("followups").updateOne(new Document("_id", "F2"), new Document("$unset", new Document("answeredAt", "")));
        migration.afterPropertiesSet();
        assertThat(mongo.findById("F2", Document.class, "followups").containsKey("answeredAt")).isFalse();
    }

    private static Document event(String at, String type, String by, String to) {
        return new Document("at", Date.from(Instant.parse(at))).append("type", type).append("by", by).append("to", to);
    }
}
