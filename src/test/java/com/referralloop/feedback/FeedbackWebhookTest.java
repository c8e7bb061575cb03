package com.referralloop.feedback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.referralloop.chat.Platform;
import com.referralloop.chat.outbox.OutboxMessage;
import com.referralloop.chat.outbox.OutboxState;
import com.referralloop.followup.FollowUp;
import com.referralloop.followup.FollowUpKind;
import com.referralloop.support.Http;
import com.referralloop.support.IntegrationTest;
import com.referralloop.support.WebhookSigner;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

@IntegrationTest
class FeedbackWebhookTest {

    @LocalServerPort
    int port;

    @Autowired
    MongoTemplate mongo;

    Http http;

    @BeforeEach
    void setUp() {
        http = new Http(port);
        // delete documents, keep collections: drop() also drops the unique indexes (one follow-up per answer)
        // that settle the race between the event-driven opener and the sweep, and can close H2 maps under
        // the running workers
        for (String collection : mongo.getCollectionNames()) {
            mongo.getCollection(collection).deleteMany(new org.bson.Document());
        }
        String csv = """
                account_id,account_name,owner_email,owner_slack_id,owner_discord_id,manager_email,cs_channel,contact_email,contact_name
                A-1,Acme,rep@vendor.com,,,boss@vendor.com,C-CS,alice@acme.com,Alice Smith
                """;
        assertThat(http.post("/api/accounts/import", "text/csv", csv, Map.of()).statusCode()).isEqualTo(200);
    }

    HttpResponse<String> send(String body) {
        return http.post("/webhooks/feedback", "application/json", body, WebhookSigner.headers(body));
    }

    static String answer(String id, int score, String email) {
        return """
                {"responseId":"%s","source":"nps-q4","score":%d,"comment":"Great support","email":"%s","respondedAt":"2026-11-25T10:00:00Z"}
                """.formatted(id, score, email);
    }

    @Test
    void promoterAnswerBecomesOneFollowUpForTheOwnerDeliveredThroughTheOutbox() {
        // GIVEN Alice of Acme (owner rep@vendor.com) answers 9
        // WHEN the survey tool sends the signed webhook, then retries it
        HttpResponse<String> first = send(answer("r-1", 9, "ALICE@acme.com"));
        HttpResponse<String> retry = send(answer("r-1", 9, "alice@acme.com"));

        // THEN both are accepted, one feedback record and one follow-up for the owner exist
        assertThat(first.statusCode()).isEqualTo(202);
        assertThat(first.body()).contains("\"duplicate\":false").contains("PROMOTER").contains("\"matched\":true");
        assertThat(retry.statusCode()).isEqualTo(202);
        assertThat(retry.body()).contains("\"duplicate\":true");
        await().atMost(Duration.ofSeconds(10)).until(() -> mongo.count(new Query(), FollowUp.class) == 1
                && mongo.count(Query.query(Criteria.where("state").is(OutboxState.SENT)), OutboxMessage.class) == 1);
        FollowUp f = mongo.findAll(FollowUp.class).get(0);
        assertThat(f.kind()).isEqualTo(FollowUpKind.PROMOTER);
        assertThat(f.ownerEmail()).isEqualTo("rep@vendor.com");
        assertThat(f.respondentName()).isEqualTo("Alice Smith");
        assertThat(f.dueAt()).isEqualTo(f.createdAt().plus(Duration.ofHours(48)));
        assertThat(mongo.count(new Query(), Feedback.class)).isEqualTo(1);
        OutboxMessage m = mongo.findAll(OutboxMessage.class).get(0);
        assertThat(m.target().platform()).isEqualTo(Platform.LOG);
        assertThat(m.target().destination()).isEqualTo("rep@vendor.com");
        assertThat(m.message().actions()).extracting(a -> a.label())
                .contains("Ask for a referral", "Record consent", "Request testimonial", "Snooze 1 day", "Not suitable");
        String listed = http.get("/api/followups").body();
        assertThat(listed).contains(f.id()).contains("OPEN");
    }

    @Test
    void detractorGoesToTheCustomerSuccessChannel() {
        assertThat(send(answer("r-2", 3, "alice@acme.com")).statusCode()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(10)).until(() -> mongo.count(new Query(), OutboxMessage.class) == 1);
        FollowUp f = mongo.findAll(FollowUp.class).get(0);
        assertThat(f.kind()).isEqualTo(FollowUpKind.DETRACTOR);
        assertThat(f.dueAt()).isEqualTo(f.createdAt().plus(Duration.ofHours(24)));
        assertThat(mongo.findAll(OutboxMessage.class).get(0).target().destination()).isEqualTo("C-CS");
    }

    @Test
    void passiveIsStoredAndCountedWithoutFollowUp() throws InterruptedException {
        assertThat(send(answer("r-3", 7, "alice@acme.com")).statusCode()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(10)).until(() ->
                mongo.findById("nps-q4|r-3", Feedback.class).followUpDone());
        assertThat(mongo.findById("nps-q4|r-3", Feedback.class).category()).isEqualTo(NpsCategory.PASSIVE);
        assertThat(mongo.count(new Query(), FollowUp.class)).isZero();
    }

    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void unknownRespondentIsKeptAndGoesToTheUnassignedQueue(CapturedOutput log) {
        HttpResponse<String> r = send(answer("r-4", 10, "stranger@nowhere.org"));
        assertThat(r.statusCode()).isEqualTo(202);
        assertThat(r.body()).contains("\"matched\":false").contains("unassigned queue");
        // the log says so too, naming the answer and not the stranger's address
        assertThat(log.getAll()).contains("Answer nps-q4|r-4 from an unknown respondent: follow-up unassigned")
                .doesNotContain("stranger@nowhere.org");
        await().atMost(Duration.ofSeconds(10)).until(() -> mongo.count(new Query(), OutboxMessage.class) == 1);
        FollowUp f = mongo.findAll(FollowUp.class).get(0);
        assertThat(f.unassigned()).isTrue();
        assertThat(mongo.findAll(OutboxMessage.class).get(0).target().destination()).isEqualTo("unassigned");
    }

    @Test
    void laterUpdateAddsTheCommentToTheSameRecord() {
        String noComment = """
                {"responseId":"r-5","source":"nps-q4","score":10,"email":"alice@acme.com"}""";
        assertThat(send(noComment).statusCode()).isEqualTo(202);
        String withComment = """
                {"responseId":"r-5","source":"nps-q4","score":10,"email":"alice@acme.com","comment":"Love it 🚀"}""";
        assertThat(send(withComment).statusCode()).isEqualTo(202);
        Feedback fb = mongo.findById("nps-q4|r-5", Feedback.class);
        assertThat(fb.comment()).isEqualTo("Love it 🚀");
        assertThat(fb.deliveries()).isEqualTo(2);
        await().atMost(Duration.ofSeconds(10)).until(() -> mongo.count(new Query(), FollowUp.class) == 1);
    }

    @Test
    void badInputIsRefusedAndNothingStored() {
        String good = answer("r-6", 9, "alice@acme.com");
        Map<String, HttpResponse<String>> cases = new java.util.LinkedHashMap<>();
        cases.put("missing score", send("{\"responseId\":\"x1\",\"email\":\"a@b.co\"}"));
        cases.put("score 11", send("{\"responseId\":\"x2\",\"score\":11}"));
        cases.put("score text", send("{\"responseId\":\"x3\",\"score\":\"nine\"}"));
        cases.put("malformed", send("{\"responseId\": "));
        cases.put("array", send("[1,2]"));
        cases.put("wrong type", http.post("/webhooks/feedback", "text/plain", good, WebhookSigner.headers(good)));
        cases.put("no signature", http.post("/webhooks/feedback", "application/json", good, Map.of()));
        cases.put("bad signature", http.post("/webhooks/feedback", "application/json", good,
                WebhookSigner.headers("whsec_" + java.util.Base64.getEncoder().encodeToString("other".getBytes()), good, Instant.now())));
        cases.put("stale", http.post("/webhooks/feedback", "application/json", good,
                WebhookSigner.headers(WebhookSigner.SECRET, good, Instant.now().minusSeconds(301))));
        cases.put("future", http.post("/webhooks/feedback", "application/json", good,
                WebhookSigner.headers(WebhookSigner.SECRET, good, Instant.now().plusSeconds(301))));
        String big = "{\"responseId\":\"big\",\"score\":9,\"comment\":\"" + "x".repeat(300 * 1024) + "\"}";
        cases.put("too large", http.post("/webhooks/feedback", "application/json", big, WebhookSigner.headers(big)));

        assertThat(cases.get("missing score").statusCode()).isEqualTo(400);
        assertThat(cases.get("missing score").body()).contains("score");
        assertThat(cases.get("score 11").statusCode()).isEqualTo(400);
        assertThat(cases.get("score 11").body()).contains("score");
        assertThat(cases.get("score text").statusCode()).isEqualTo(400);
        assertThat(cases.get("malformed").statusCode()).isEqualTo(400);
        assertThat(cases.get("array").statusCode()).isEqualTo(400);
        assertThat(cases.get("wrong type").statusCode()).isEqualTo(415);
        assertThat(cases.get("no signature").statusCode()).isEqualTo(401);
        assertThat(cases.get("bad signature").statusCode()).isEqualTo(401);
        assertThat(cases.get("stale").statusCode()).isEqualTo(401);
        assertThat(cases.get("future").statusCode()).isEqualTo(401);
        assertThat(cases.get("too large").statusCode()).isEqualTo(413);
        cases.values().forEach(r -> assertThat(r.body()).contains("error"));
        assertThat(mongo.count(new Query(), Feedback.class)).isZero();
        assertThat(mongo.count(new Query(), FollowUp.class)).isZero();
    }

    @Test
    void operatorKeysInThePayloadAreStoredAsTextNotExecuted() {
        String body = """
                {"responseId":"r-7","source":"nps-q4","score":9,"email":"alice@acme.com","$where":"1","a.b":{"$gt":""},"comment":{"$set":{"score":0}}}""";
        assertThat(send(body).statusCode()).isEqualTo(202);
        Feedback fb = mongo.findById("nps-q4|r-7", Feedback.class);
        assertThat(fb.score()).isEqualTo(9);
        assertThat(fb.raw()).contains("$where");
        assertThat(fb.comment()).isEqualTo("{\"$set\":{\"score\":0}}");
        List<Feedback> all = mongo.findAll(Feedback.class);
        assertThat(all).hasSize(1);
    }
}
