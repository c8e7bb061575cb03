package com.referralloop.followup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.referralloop.account.AccountInput;
import com.referralloop.account.AccountService;
import com.referralloop.feedback.Feedback;
import com.referralloop.feedback.FeedbackService;
import com.referralloop.feedback.NpsCategory;
import com.referralloop.feedback.PendingFollowUp;
import com.referralloop.feedback.SurveyResponse;
import com.referralloop.support.IntegrationTest;
import com.referralloop.support.Stores;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.test.context.TestPropertySource;

/** The sweep works from pending markers (no scan of every answer), and the stored answer needs no read-back. */
@IntegrationTest
@TestPropertySource(properties = "referral.outbox.enabled=false")
class PendingFollowUpSweepTest {

    @Autowired
    MongoTemplate mongo;

    @Autowired
    FeedbackService feedback;

    @Autowired
    AccountService accounts;

    @Autowired
    FollowUpOpener opener;

    @BeforeEach
    void setUp() {
        Stores.clear(mongo);
        accounts.upsert(new AccountInput("A-1", "Acme", new AccountInput.OwnerInput("rep@vendor.com", null, null, null),
                null, List.of(new AccountInput.ContactInput("alice@acme.com", "Alice", null, null, null))));
    }

    long followUpsFor(String feedbackId) {
        return mongo.count(Query.query(Criteria.where("feedbackId").is(feedbackId)), FollowUp.class);
    }

    @Test
    void anAnswerWhoseOpeningWasLostIsOpenedOnceByTheSweepAndItsMarkerRemoved() {
        // GIVEN a scored answer stored with its marker, whose in-process opening never happened (a crash)
        Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        mongo.insert(new Feedback("nps|lost-1", "nps", "lost-1", 10, NpsCategory.PROMOTER, "great", "alice@acme.com",
                "alice@acme.com", "A-1", null, at, at, false, 1, "{}"));
        mongo.insert(new PendingFollowUp("nps|lost-1", at));

        // WHEN the sweep runs (every 500 ms in tests)
        // THEN it has exactly one follow-up, the answer is marked done, and the marker is gone
        await().atMost(Duration.ofSeconds(15)).until(() -> followUpsFor("nps|lost-1") == 1
                && mongo.findById("nps|lost-1", PendingFollowUp.class) == null);
        assertThat(mongo.findById("nps|lost-1", Feedback.class).followUpDone()).isTrue();
        assertThat(followUpsFor("nps|lost-1")).isEqualTo(1);
    }

    @Test
    void aMarkerWhoseAnswerIsGoneIsDroppedOnceOld() {
        // GIVEN a marker left two minutes ago for an answer that does not exist (e.g. erased)
        mongo.insert(new PendingFollowUp("nps|erased-1", Instant.now().minus(Duration.ofMinutes(2))));

        // WHEN the sweep runs THEN the marker is removed and nothing is opened
        await().atMost(Duration.ofSeconds(15)).until(() -> mongo.findById("nps|erased-1", PendingFollowUp.class) == null);
        assertThat(mongo.count(new Query(), FollowUp.class)).isZero();
    }

    @Test
    void aYoungMarkerWaitsForItsAnswerWhichTheSweepThenOpens() throws InterruptedException {
        // GIVEN a marker written a moment ago, as the webhook writes it just before its answer
        Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        mongo.insert(new PendingFollowUp("nps|late-1", at));

        // WHEN sweeps (every 500 ms in tests) run before the answer is stored THEN they keep the marker
        Thread.sleep(1500);
        assertThat(mongo.findById("nps|late-1", PendingFollowUp.class)).isNotNull();

        // WHEN the answer is then stored (no in-process event: as if by an instance that died after storing it)
        mongo.insert(new Feedback("nps|late-1", "nps", "late-1", 9, NpsCategory.PROMOTER, null, "alice@acme.com",
                "alice@acme.com", "A-1", null, at, at, false, 1, "{}"));

        // THEN the sweep opens it once and drops the marker
        await().atMost(Duration.ofSeconds(15)).until(() -> followUpsFor("nps|late-1") == 1
                && mongo.findById("nps|late-1", PendingFollowUp.class) == null);
        assertThat(mongo.findById("nps|late-1", Feedback.class).followUpDone()).isTrue();
    }

    @Test
    void aScoredRedeliveryOfAnAnswerAlreadyFollowedUpOpensNothingNewAndLeavesNoMarker() {
        // GIVEN an answer whose follow-up exists
        feedback.store(new SurveyResponse("nps", "r-again", 10, null, "alice@acme.com", null, null, "{}"));
        await().atMost(Duration.ofSeconds(15)).until(() -> followUpsFor("nps|r-again") == 1
                && mongo.findById("nps|r-again", Feedback.class).followUpDone());

        // WHEN the provider sends it again with a changed score (an "updated" event)
        var again = feedback.store(new SurveyResponse("nps", "r-again", 3, "changed my mind", "alice@acme.com", null,
                null, "{}"));

        // THEN the one record is updated, its marker is swept away, and there is still one follow-up
        assertThat(again.created()).isFalse();
        await().atMost(Duration.ofSeconds(15)).until(() -> mongo.findById("nps|r-again", PendingFollowUp.class) == null);
        assertThat(mongo.findById("nps|r-again", Feedback.class).score()).isEqualTo(3);
        assertThat(followUpsFor("nps|r-again")).isEqualTo(1);
    }

    @Test
    void theReturnedAnswerEqualsTheStoredOneAndTheMarkerLivesUntilTheFollowUpExists() {
        // GIVEN a first delivery without a comment
        var first = feedback.store(new SurveyResponse("nps", "r-1", 9, null, "alice@acme.com", null,
                Instant.parse("2026-11-25T10:00:00.123456Z"), "{\"a\":1}"));
        // THEN what store() returns (built without reading back) is what the store holds
        assertThat(first.created()).isTrue();
        assertThat(first.feedback()).isEqualTo(withDone(mongo.findById("nps|r-1", Feedback.class), first.feedback()));

        // WHEN a second delivery adds a comment
        var second = feedback.store(new SurveyResponse("nps", "r-1", null, "Love it", null, null, null, "{\"a\":2}"));
        // THEN it merges onto the first, and the returned copy again equals the stored one
        assertThat(second.created()).isFalse();
        Feedback stored = mongo.findById("nps|r-1", Feedback.class);
        assertThat(second.feedback()).isEqualTo(withDone(stored, second.feedback()));
        assertThat(stored.comment()).isEqualTo("Love it");
        assertThat(stored.score()).isEqualTo(9);
        assertThat(stored.deliveries()).isEqualTo(2);

        // and once the follow-up exists, the answer is done and its marker gone
        await().atMost(Duration.ofSeconds(15)).until(() -> followUpsFor("nps|r-1") == 1
                && mongo.findById("nps|r-1", PendingFollowUp.class) == null
                && mongo.findById("nps|r-1", Feedback.class).followUpDone());
    }

    @Test
    void openingAnAnswerTheOpenerAlreadyOpenedReturnsThatFollowUpAndQueuesNothingNew() {
        // GIVEN an answer the background opener has opened (follow-up created, answer done)
        feedback.store(new SurveyResponse("nps", "r-twice", 9, null, "alice@acme.com", null, null, "{}"));
        await().atMost(Duration.ofSeconds(15)).until(() -> followUpsFor("nps|r-twice") == 1
                && mongo.findById("nps|r-twice", Feedback.class).followUpDone());
        FollowUp opened = mongo.findOne(Query.query(Criteria.where("feedbackId").is("nps|r-twice")), FollowUp.class);
        long messages = mongo.count(new Query(), com.referralloop.chat.outbox.OutboxMessage.class);

        // WHEN it is opened again directly (a caller racing the opener)
        var again = opener.openFor("nps|r-twice");

        // THEN that same follow-up comes back, and nothing new is created or queued
        assertThat(again).map(FollowUp::id).contains(opened.id());
        assertThat(followUpsFor("nps|r-twice")).isEqualTo(1);
        assertThat(mongo.count(new Query(), com.referralloop.chat.outbox.OutboxMessage.class)).isEqualTo(messages);
    }

    /** The follow-up may already have been opened between the two reads; compare the rest. */
    private static Feedback withDone(Feedback stored, Feedback returned) {
        return new Feedback(stored.id(), stored.source(), stored.responseId(), stored.score(), stored.category(),
                stored.comment(), stored.email(), stored.contactId(), stored.accountId(), stored.respondedAt(),
                stored.receivedAt(), stored.updatedAt(), returned.followUpDone(), stored.deliveries(), stored.raw());
    }
}
