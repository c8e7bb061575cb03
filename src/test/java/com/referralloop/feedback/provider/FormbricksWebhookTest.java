package com.referralloop.feedback.provider;

import static org.assertj.core.api.Assertions.assertThat;

import com.referralloop.feedback.Feedback;
import com.referralloop.feedback.provider.ProviderSigning.Signed;
import com.referralloop.support.IntegrationTest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

@IntegrationTest
class FormbricksWebhookTest extends ProviderWebhookContract {

    @Override
    String provider() {
        return "formbricks";
    }

    static String event(String event, String id, boolean finished, String answers, String email) {
        return """
                {"webhookId":"wh_1","event":"%s","data":{"id":"%s","createdAt":"2026-11-25T10:00:00.000Z",\
                "updatedAt":"2026-11-25T10:00:30.000Z","surveyId":"sv_1","finished":%s,"data":{%s},\
                "contact":{"id":"ct_1","userId":"u-1"},"contactAttributes":{"email":"%s"},\
                "meta":{"source":"link","url":"https://app.formbricks.com/s/sv_1"},"tags":[],"variables":{},\
                "ttc":{},"language":"default","survey":{"title":"NPS Q4","type":"link","status":"inProgress"}}}"""
                .formatted(event, id, finished, answers, email);
    }

    static Signed signed(String body) {
        return ProviderSigning.formbricks(ProviderSigning.FORMBRICKS, body, Instant.now());
    }

    @Override
    Signed created(String responseId, int score, String email) {
        return signed(event("responseCreated", responseId, false, "\"nps\":" + score, email));
    }

    @Override
    Signed updated(String responseId, int score, String email, String comment) {
        return signed(event("responseFinished", responseId, true,
                "\"nps\":" + score + ",\"comment\":\"" + comment + "\"", email));
    }

    @Override
    Signed badScore(String responseId) {
        return signed(event("responseFinished", responseId, true, "\"nps\":11", ALICE));
    }

    @Override
    String scoreField() {
        return "data.data.nps";
    }

    @Override
    Signed withoutAnswer() {
        // what Formbricks sends from "Test endpoint" once a secret exists
        return signed("{\"event\":\"testEndpoint\"}");
    }

    @Override
    Signed forged(String responseId) {
        return ProviderSigning.formbricks(ProviderSigning.OTHER_FORMBRICKS,
                event("responseCreated", responseId, false, "\"nps\":9", ALICE), Instant.now());
    }

    @Override
    Signed injected(String responseId) {
        return signed("""
                {"event":"responseCreated","$where":"1","data":{"id":"%s","data":{"nps":9,"comment":{"$set":{"score":0}},\
                "a.b":{"$gt":""}},"contactAttributes":{"email":"alice@acme.com","$ne":null}}}""".formatted(responseId));
    }

    @Test
    void staleOrFutureTimestampIsRefused() {
        // GIVEN correctly signed deliveries stamped 6 minutes in the past and in the future
        String body = event("responseCreated", "r-time", false, "\"nps\":9", ALICE);
        Signed stale = ProviderSigning.formbricks(ProviderSigning.FORMBRICKS, body, Instant.now().minusSeconds(360));
        Signed future = ProviderSigning.formbricks(ProviderSigning.FORMBRICKS, body, Instant.now().plusSeconds(360));

        // WHEN they are delivered
        HttpResponse<String> staleResponse = send(stale);
        HttpResponse<String> futureResponse = send(future);

        // THEN both are refused, nothing stored
        assertThat(staleResponse.statusCode()).isEqualTo(401);
        assertThat(futureResponse.statusCode()).isEqualTo(401);
        assertThat(staleResponse.body()).contains("webhook-timestamp");
        assertThat(feedbackCount()).isZero();
    }

    @Test
    void unsignedTestPingFromTheAddWebhookDialogIsAcknowledged() {
        // GIVEN the unsigned ping Formbricks sends before it has created the webhook and its secret
        Map<String, String> headers = Map.of("webhook-id", "019ba292-c1f6-7618-aaf2-ecf8e39d1cc7",
                "webhook-timestamp", Long.toString(Instant.now().getEpochSecond()));

        // WHEN it arrives
        HttpResponse<String> ping = http.post("/webhooks/feedback/formbricks", "application/json",
                "{\"event\":\"testEndpoint\"}", headers);
        HttpResponse<String> unsignedAnswer = http.post("/webhooks/feedback/formbricks", "application/json",
                event("responseFinished", "r-unsigned", true, "\"nps\":9", ALICE), headers);

        // THEN the ping is acknowledged without storing anything, while an unsigned answer is still refused
        assertThat(ping.statusCode()).isEqualTo(202);
        assertThat(ping.body()).contains("ignored");
        assertThat(unsignedAnswer.statusCode()).isEqualTo(401);
        assertThat(feedbackCount()).isZero();
    }

    @Test
    void createdWithoutTheNpsAnswerYetIsIgnoredAndTheFinishedEventStoresIt() {
        // GIVEN the respondent answered a first, non-NPS question
        HttpResponse<String> early = send(signed(event("responseCreated", "r-late", false,
                "\"role\":\"CTO\"", ALICE)));

        // WHEN the finished response arrives with a question id other than nps
        HttpResponse<String> finished = send(signed(event("responseFinished", "r-late", true,
                "\"role\":\"CTO\",\"kq3vh8\":2,\"comment\":\"Buggy\"", ALICE)));

        // THEN the first is ignored, the second stored with the only whole-number answer as score
        assertThat(early.statusCode()).isEqualTo(202);
        assertThat(early.body()).contains("ignored");
        assertThat(finished.statusCode()).as(finished.body()).isEqualTo(202);
        Feedback fb = stored("r-late");
        assertThat(fb.score()).isEqualTo(2);
        assertThat(fb.comment()).isEqualTo("Buggy");
        assertThat(fb.deliveries()).isEqualTo(1);
    }

    @Test
    void finishedResponseWithoutScoreIsRefusedNamingTheField() {
        // GIVEN a finished response with no whole-number answer
        HttpResponse<String> response = send(signed(event("responseFinished", "r-none", true,
                "\"comment\":\"no score\"", ALICE)));

        // THEN 400 naming data.data.nps
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("data.data.nps");
        assertThat(feedbackCount()).isZero();
    }
}
