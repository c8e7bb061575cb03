package com.referralloop.feedback.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.referralloop.feedback.Feedback;
import com.referralloop.feedback.NpsCategory;
import com.referralloop.feedback.provider.ProviderSigning.Signed;
import com.referralloop.followup.FollowUp;
import com.referralloop.followup.FollowUpKind;
import com.referralloop.support.Http;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.test.context.TestPropertySource;

/**
 * What every survey provider's webhook must do, through real HTTP: each subclass supplies the
 * provider's own payloads and signing. All subclasses share one application context.
 */
@TestPropertySource(properties = {
        "referral.feedback.delighted-secret=" + ProviderSigning.DELIGHTED,
        "referral.feedback.typeform-secret=" + ProviderSigning.TYPEFORM,
        "referral.feedback.wootric-secret=" + ProviderSigning.WOOTRIC,
        "referral.feedback.asknicely-secret=" + ProviderSigning.ASKNICELY,
        "referral.feedback.formbricks-secret=" + ProviderSigning.FORMBRICKS
})
abstract class ProviderWebhookContract {

    static final String ALICE = "alice@acme.com";

    @LocalServerPort
    int port;

    @Autowired
    MongoTemplate mongo;

    Http http;

    /** The path segment and the {@code source} of stored answers. */
    abstract String provider();

    /** The first event of an answer: a score, no comment yet. */
    abstract Signed created(String responseId, int score, String email);

    /** A later event of the same answer, now with the comment. */
    abstract Signed updated(String responseId, int score, String email, String comment);

    /** An answer whose score is 11. */
    abstract Signed badScore(String responseId);

    /** The field the 400 for {@link #badScore} must name. */
    abstract String scoreField();

    /** A correctly signed event that carries no answer (test ping, decline, unsubscribe...). */
    abstract Signed withoutAnswer();

    /** A valid-looking answer signed with the wrong secret. */
    abstract Signed forged(String responseId);

    /** A signed answer (score 9, Alice) with {@code $}-keys, dotted keys and an operator object as the comment. */
    abstract Signed injected(String responseId);

    @BeforeEach
    void setUp() {
        http = new Http(port);
        // delete the documents but keep the collections: dropping them would also drop the unique indexes
        // (e.g. one follow-up per answer) that guard the event-vs-sweep race in the running app
        for (String collection : mongo.getCollectionNames()) {
            mongo.getCollection(collection).deleteMany(new Document());
        }
        String csv = """
                account_id,account_name,owner_email,owner_slack_id,owner_discord_id,manager_email,cs_channel,contact_email,contact_name
                A-1,Acme,rep@vendor.com,,,boss@vendor.com,C-CS,alice@acme.com,Alice Smith
                """;
        assertThat(http.post("/api/accounts/import", "text/csv", csv, Map.of()).statusCode()).isEqualTo(200);
    }

    HttpResponse<String> send(Signed request) {
        return http.post("/webhooks/feedback/" + provider(), request.contentType(), request.body(), request.headers());
    }

    Feedback stored(String responseId) {
        return mongo.findById(Feedback.idOf(provider(), responseId), Feedback.class);
    }

    long feedbackCount() {
        return mongo.findAll(Feedback.class).size();
    }

    @Test
    void validSignedAnswerIsStoredWithScoreCommentAndEmail() {
        // GIVEN Alice's answer of 9 with a comment, signed as the provider signs it
        Signed answer = updated("resp-1", 9, "Alice@Acme.com", "Great support");

        // WHEN the provider delivers it
        HttpResponse<String> response = send(answer);

        // THEN it is accepted and stored under the provider's response id
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        assertThat(response.body()).contains("\"status\":\"accepted\"").contains("PROMOTER");
        Feedback fb = stored("resp-1");
        assertThat(fb).isNotNull();
        assertThat(fb.source()).isEqualTo(provider());
        assertThat(fb.score()).isEqualTo(9);
        assertThat(fb.category()).isEqualTo(NpsCategory.PROMOTER);
        assertThat(fb.comment()).isEqualTo("Great support");
        assertThat(fb.email()).isEqualToIgnoringCase(ALICE);
        assertThat(fb.accountId()).isEqualTo("A-1");
        assertThat(fb.raw()).isEqualTo(answer.body());
    }

    @Test
    void createdThenUpdatedIsOneFeedbackAndOneFollowUp() {
        // GIVEN the provider first sends the score, then the same answer with its comment
        HttpResponse<String> first = send(created("resp-2", 10, ALICE));
        HttpResponse<String> second = send(updated("resp-2", 10, ALICE, "Love it"));

        // THEN both are accepted onto one record that now has the comment
        assertThat(first.statusCode()).as(first.body()).isEqualTo(202);
        assertThat(first.body()).contains("\"duplicate\":false");
        assertThat(second.statusCode()).as(second.body()).isEqualTo(202);
        assertThat(second.body()).contains("\"duplicate\":true");
        assertThat(feedbackCount()).isEqualTo(1);
        Feedback fb = stored("resp-2");
        assertThat(fb.comment()).isEqualTo("Love it");
        assertThat(fb.score()).isEqualTo(10);
        assertThat(fb.deliveries()).isEqualTo(2);

        // AND exactly one promoter follow-up is opened for the account owner
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(mongo.findAll(FollowUp.class)).extracting(FollowUp::feedbackId)
                    .containsExactly(Feedback.idOf(provider(), "resp-2"));
            assertThat(stored("resp-2").followUpDone()).isTrue();
        });
        FollowUp followUp = mongo.findAll(FollowUp.class).get(0);
        assertThat(followUp.kind()).isEqualTo(FollowUpKind.PROMOTER);
        assertThat(followUp.ownerEmail()).isEqualTo("rep@vendor.com");
        assertThat(mongo.count(new Query(), FollowUp.class)).isEqualTo(1);
    }

    @Test
    void forgedSignatureIsRefusedAndNothingStored() {
        // GIVEN an answer signed with another secret
        // WHEN it is delivered
        HttpResponse<String> response = send(forged("resp-3"));

        // THEN 401 and nothing is stored
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).contains("error");
        assertThat(feedbackCount()).isZero();
    }

    @Test
    void unsignedRequestIsRefused() {
        // GIVEN a genuine payload with its signature headers stripped
        Signed genuine = created("resp-4", 9, ALICE);

        // WHEN it is delivered without them
        HttpResponse<String> response = http.post("/webhooks/feedback/" + provider(), genuine.contentType(),
                genuine.body(), Map.of());

        // THEN 401 and nothing is stored
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(feedbackCount()).isZero();
    }

    @Test
    void scoreOutsideZeroToTenIsRefusedNamingTheField() {
        // GIVEN a signed answer with score 11
        // WHEN it is delivered
        HttpResponse<String> response = send(badScore("resp-5"));

        // THEN 400 naming the provider's score field, nothing stored
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains(scoreField());
        assertThat(feedbackCount()).isZero();
    }

    @Test
    void eventWithoutAnAnswerIsAcknowledgedAndIgnored() {
        // GIVEN a signed event that carries no answer
        // WHEN it is delivered
        HttpResponse<String> response = send(withoutAnswer());

        // THEN 202 "ignored" (so the provider does not retry) and nothing is stored
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        assertThat(response.body()).contains("ignored");
        assertThat(mongo.findAll(Feedback.class)).extracting(Feedback::id).isEmpty();
        assertThat(mongo.count(new Query(), FollowUp.class)).isZero();
    }

    @Test
    void operatorKeysAreStoredAsTextAndNeverUsed() {
        // GIVEN a signed answer carrying $-keys, dotted keys and an operator object where the comment goes
        Signed answer = injected("resp-6");

        // WHEN it is delivered
        HttpResponse<String> response = send(answer);

        // THEN the answer is stored with only the scalar fields picked, and the raw text kept verbatim
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        Feedback fb = stored("resp-6");
        assertThat(fb.score()).isEqualTo(9);
        assertThat(fb.comment()).isNull();
        assertThat(fb.raw()).contains("$where").contains("$set");
        assertThat(feedbackCount()).isEqualTo(1);
    }

    @Test
    void wrongContentTypeIsRefused() {
        // GIVEN a correctly signed body declared as text/plain
        Signed genuine = created("resp-7", 9, ALICE);

        // WHEN it is delivered
        HttpResponse<String> response = http.post("/webhooks/feedback/" + provider(), "text/plain", genuine.body(),
                genuine.headers());

        // THEN 415, nothing stored
        assertThat(response.statusCode()).isEqualTo(415);
        assertThat(feedbackCount()).isZero();
    }
}
