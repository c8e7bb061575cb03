package com.referralloop.sla;

import static org.assertj.core.api.Assertions.assertThat;

import com.referralloop.chat.outbox.OutboxWorker;
import com.referralloop.support.DocumentsReturned;
import com.referralloop.support.IntegrationTest;
import com.referralloop.support.Stores;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.test.context.TestPropertySource;

/**
 * The timers read only what is due: with thousands of follow-ups, outbox rows, ratings, consents and reviews
 * stored and nothing due, the SLA run, the outbox poll and the review job get (almost) no document back from the
 * store; one due row each comes back alone. The app's own outbox worker is off, so the poll here is the only one.
 */
@IntegrationTest
@Import(DocumentsReturned.Config.class)
@TestPropertySource(properties = "referral.outbox.enabled=false")
class NothingDueScaleTest {

    static final int ROWS = 3000;

    @Autowired
    DocumentsReturned returned;
    @Autowired
    MongoTemplate mongo;
    @Autowired
    SlaTimers timers;
    @Autowired
    OutboxWorker outbox;
    @Autowired
    ReviewJob reviews;

    Instant now;

    @BeforeEach
    void seed() {
        Stores.clear(mongo);
        now = Instant.now();
        List<Document> followUps = new ArrayList<>();
        List<Document> rows = new ArrayList<>();
        List<Document> ratings = new ArrayList<>();
        List<Document> consents = new ArrayList<>();
        List<Document> schedule = new ArrayList<>();
        for (int i = 0; i < ROWS; i++) {
            // a third closed; a third reminded, due in 6 hours; a third escalated to the manager 2 hours ago, customer
            // success due in 22 (a scan of "running and due within the reminder lead" would read all of those)
            Document f = switch (i % 3) {
                case 0 -> followUp("F" + i, "CLOSED", null);
                case 1 -> followUp("F" + i, "OPEN", later(6)).append("dueAt", date(later(6)));
                default -> followUp("F" + i, "ACKNOWLEDGED", later(22)).append("dueAt", date(at(-2))).append("escalationLevel", 1);
            };
            followUps.add(f);
            rows.add(outboxRow("sent:" + i, "SENT", at(-5)).append("sentAt", date(at(-5))));
            if (i % 10 == 0) {
                // waiting for a retry an hour from now
                rows.add(outboxRow("retry:" + i, "PENDING", later(1)));
            }
            ratings.add(new Document("_id", "A-" + i).append("grade", "ONE").append("ratedAt", date(at(-30))));
            consents.add(new Document("_id", "K-" + i).append("contactId", "c" + i + "@acme.com").append("accountId", "A-" + i)
                    .append("level", "ACTIVE").append("scope", List.of("quote")).append("withdrawn", false)
                    .append("expires", date(later(24 * 200))).append("recordedAt", date(at(-30))));
            schedule.add(new Document("_id", "A-" + i).append("lastChangedAt", date(at(-30)))
                    .append("nextReviewAt", date(later(24 * 300))));
        }
        mongo.getCollection("followups").insertMany(followUps);
        mongo.getCollection("outbox").insertMany(rows);
        mongo.getCollection("account_ratings").insertMany(ratings);
        mongo.getCollection("consents").insertMany(consents);
        mongo.getCollection("reviews").insertMany(schedule);
    }

    @Test
    void withNothingDueTheTimersGetNoDocumentBack() {
        // WHEN the SLA timers, the outbox poll and the review job run over the seeded store
        returned.reset();
        SlaTimers.Run sla = timers.runOnce();
        int sent = outbox.drain();
        ReviewJob.Run review = reviews.runOnce();

        // THEN nothing was done, and the store handed back no document at all
        assertThat(sla).isEqualTo(new SlaTimers.Run(0, 0, 0));
        assertThat(sent).isZero();
        assertThat(review).isEqualTo(new ReviewJob.Run(0, 0));
        assertThat(returned.count()).isZero();
    }

    @Test
    void oneDueRowEachIsTheOnlyDocumentEachReads() {
        // GIVEN among them one follow-up due for a look, one message due, one review due for an account with
        // nothing on file any more
        mongo.getCollection("followups").insertOne(followUp("FDUE", "OPEN", at(-1)));
        mongo.getCollection("outbox").insertOne(outboxRow("due:1", "PENDING", at(-1)));
        mongo.getCollection("reviews").insertOne(new Document("_id", "A-GONE").append("nextReviewAt", date(at(-1))));

        // WHEN each runs THEN each got exactly its one document back
        returned.reset();
        timers.runOnce();
        assertThat(returned.count()).isEqualTo(1);
        returned.reset();
        assertThat(outbox.drain()).isEqualTo(1);
        assertThat(returned.count()).isEqualTo(1);
        returned.reset();
        reviews.runOnce();
        assertThat(returned.count()).isEqualTo(1);

        // AND each wrote when to look again: the follow-up at its deadline, the review not at all
        Document f = mongo.getCollection("followups").find(new Document("_id", "FDUE")).first();
        assertThat(f.getDate("slaCheckAt").toInstant()).isEqualTo(f.getDate("dueAt").toInstant());
        assertThat(mongo.getCollection("reviews").find(new Document("_id", "A-GONE")).first()).doesNotContainKey("nextReviewAt");
        returned.reset();
        timers.runOnce();
        outbox.drain();
        reviews.runOnce();
        assertThat(returned.count()).isZero();
    }

    private Document followUp(String id, String state, Instant slaCheckAt) {
        Document f = new Document("_id", id).append("feedbackId", "nps|" + id).append("kind", "PROMOTER")
                .append("state", state).append("score", 10).append("createdAt", date(at(-12)))
                .append("dueAt", date(later(36))).append("remindedAt", date(at(-1))).append("escalationLevel", 0)
                .append("trimmedEvents", 0).append("events", List.of(new Document("at", date(at(-12))).append("type", "CREATED")));
        return slaCheckAt == null ? f : f.append("slaCheckAt", date(slaCheckAt));
    }

    private Document outboxRow(String key, String state, Instant nextAttemptAt) {
        return new Document("dedupeKey", key).append("kind", "POST").append("state", state)
                .append("target", new Document("platform", "LOG").append("destination", "ops"))
                .append("message", new Document("text", "m " + key)).append("subjectId", "s:" + key)
                .append("attempts", 0).append("throttled", 0).append("createdAt", date(at(-6)))
                .append("nextAttemptAt", date(nextAttemptAt));
    }

    private Instant at(int hoursFromNow) {
        return now.plus(Duration.ofHours(hoursFromNow));
    }

    private Instant later(int hours) {
        return at(hours);
    }

    private static Date date(Instant at) {
        return Date.from(at);
    }
}
