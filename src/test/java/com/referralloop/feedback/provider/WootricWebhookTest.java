package com.referralloop.feedback.provider;

import static org.assertj.core.api.Assertions.assertThat;

import com.referralloop.feedback.Feedback;
import com.referralloop.feedback.provider.ProviderSigning.Signed;
import com.referralloop.support.IntegrationTest;
import java.net.http.HttpResponse;
import java.time.Instant;
import org.junit.jupiter.api.Test;

@IntegrationTest
class WootricWebhookTest extends ProviderWebhookContract {

    static final String FORM = "application/x-www-form-urlencoded";

    @Override
    String provider() {
        return "wootric";
    }

    static String json(String event, String id, Object score, String email, String text) {
        return """
                {"response":{"id":%s,"email":"%s","external_id":"123abc","score":%s,"text":%s,\
                "ip_address":"127.0.0.1","origin_url":"https://wootric.com/","end_user_id":30,\
                "end_user_properties":{"pricing_plan":"Enterprise","account_id":"A-1"},"survey_id":1146,\
                "created_at":"2026-11-25T10:00:00.000-07:00","updated_at":"2026-11-25T10:00:00.000-07:00",\
                "excluded_from_calculations":false},"event_name":"%s","timestamp":"2026-11-25T10:00:05.329-07:00",\
                "account_token":"NPS-xxxxxxxx","survey_mode":"NPS"}"""
                .formatted(id, email, score, text == null ? "null" : "\"" + text + "\"", event);
    }

    /** The same answer form-encoded, exactly as Wootric's documentation shows it (brackets not escaped). */
    static String form(String event, String id, Object score, String email, String text) {
        return "response[id]=" + id + "&response[email]=" + email.replace("@", "%40") + "&response[external_id]=123abc"
                + "&response[score]=" + score + "&response[text]=" + text.replace(" ", "%20")
                + "&response[ip_address]=127.0.0.1&response[end_user_properties][pricing_plan]=Enterprise"
                + "&response[survey_id]=1146&response[created_at]=2026-11-25%2010%3A00%3A00%20-0700"
                + "&event_name=" + event + "&timestamp=2026-11-25%2010%3A00%3A05%20-0700";
    }

    @Override
    Signed created(String responseId, int score, String email) {
        return ProviderSigning.wootric(ProviderSigning.WOOTRIC, "application/json",
                json("created", id(responseId), score, email, null));
    }

    @Override
    Signed updated(String responseId, int score, String email, String comment) {
        return ProviderSigning.wootric(ProviderSigning.WOOTRIC, "application/json",
                json("updated", id(responseId), score, email, comment));
    }

    /** Wootric's ids are numbers; the contract's textual ids are sent as strings, which are read the same way. */
    static String id(String responseId) {
        return responseId.matches("\\d+") ? responseId : "\"" + responseId + "\"";
    }

    @Override
    Signed badScore(String responseId) {
        return ProviderSigning.wootric(ProviderSigning.WOOTRIC, "application/json",
                json("created", id(responseId), 11, ALICE, null));
    }

    @Override
    String scoreField() {
        return "response.score";
    }

    @Override
    Signed withoutAnswer() {
        return ProviderSigning.wootric(ProviderSigning.WOOTRIC, "application/json", """
                {"decline":{"id":19,"email":"alice@acme.com","survey_id":1147,"created_at":"2026-11-25T10:00:00.000-07:00"},\
                "event_name":"created","timestamp":"2026-11-25T10:00:05.309-07:00","account_token":"NPS-xxxxxxxx",\
                "survey_mode":"NPS"}""");
    }

    @Override
    Signed forged(String responseId) {
        return ProviderSigning.wootric("someone-elses-secret", "application/json",
                json("created", id(responseId), 9, ALICE, null));
    }

    @Override
    Signed injected(String responseId) {
        return ProviderSigning.wootric(ProviderSigning.WOOTRIC, "application/json", """
                {"$where":"1","response":{"id":%s,"score":9,"text":{"$set":{"score":0}},"email":"alice@acme.com",\
                "end_user_properties":{"a.b":{"$gt":""}}},"event_name":"created"}""".formatted(id(responseId)));
    }

    @Test
    void formEncodedAnswerIsVerifiedOnItsExactBytesAndStored() {
        // GIVEN Wootric configured for form-encoded webhooks, signing the body as sent
        String body = form("created", "1128", 4, ALICE, "Too slow");

        // WHEN it is delivered
        HttpResponse<String> response = send(ProviderSigning.wootric(ProviderSigning.WOOTRIC, FORM, body));

        // THEN the answer is read from the nested form names
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        Feedback fb = stored("1128");
        assertThat(fb.score()).isEqualTo(4);
        assertThat(fb.comment()).isEqualTo("Too slow");
        assertThat(fb.email()).isEqualTo(ALICE);
        assertThat(fb.respondedAt()).isEqualTo(Instant.parse("2026-11-25T17:00:00Z"));
        assertThat(fb.raw()).isEqualTo(body);
    }

    @Test
    void forgedFormEncodedAnswerIsRefused() {
        // GIVEN a form body signed with another secret
        String body = form("created", "1129", 10, ALICE, "x");

        // WHEN it is delivered
        HttpResponse<String> response = send(ProviderSigning.wootric("wrong", FORM, body));

        // THEN 401, nothing stored
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(feedbackCount()).isZero();
    }

    @Test
    void cesSurveyIsIgnored() {
        // GIVEN a CES answer (1-7 scale)
        String ces = json("created", "2001", 5, ALICE, null).replace("\"NPS\"", "\"CES\"");

        // WHEN it is delivered
        HttpResponse<String> response = send(ProviderSigning.wootric(ProviderSigning.WOOTRIC, "application/json", ces));

        // THEN acknowledged, not read as NPS
        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(response.body()).contains("ignored");
        assertThat(feedbackCount()).isZero();
    }
}
