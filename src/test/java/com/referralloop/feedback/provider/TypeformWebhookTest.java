package com.referralloop.feedback.provider;

import static org.assertj.core.api.Assertions.assertThat;

import com.referralloop.feedback.Feedback;
import com.referralloop.feedback.provider.ProviderSigning.Signed;
import com.referralloop.support.IntegrationTest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

@IntegrationTest
class TypeformWebhookTest extends ProviderWebhookContract {

    @Override
    String provider() {
        return "typeform";
    }

    static String nps(Object score) {
        return """
                {"field":{"id":"f-nps","type":"nps","ref":"nps"},"type":"number","number":%s}""".formatted(score);
    }

    static String email(String email) {
        return """
                {"field":{"id":"f-email","type":"email","ref":"email"},"type":"email","email":"%s"}""".formatted(email);
    }

    static String reason(String text) {
        return """
                {"field":{"id":"f-why","type":"long_text","ref":"reason"},"type":"text","text":"%s"}""".formatted(text);
    }

    static String response(String event, String token, String... answers) {
        return """
                {"event_id":"ev-%s-%s","event_type":"%s","form_response":{"form_id":"lT4Z3j","token":"%s",\
                "landed_at":"2026-11-25T09:59:00Z","submitted_at":"2026-11-25T10:00:00Z","hidden":{"account_id":"A-1"},\
                "definition":{"id":"lT4Z3j","title":"NPS","fields":[]},"answers":[%s]}}"""
                .formatted(event, token, event, token, String.join(",", answers));
    }

    @Override
    Signed created(String responseId, int score, String email) {
        // with partial responses on, Typeform first sends what is answered so far
        return ProviderSigning.typeform(ProviderSigning.TYPEFORM,
                response("form_response_partial", responseId, nps(score), email(email)));
    }

    @Override
    Signed updated(String responseId, int score, String email, String comment) {
        return ProviderSigning.typeform(ProviderSigning.TYPEFORM,
                response("form_response", responseId, nps(score), email(email), reason(comment)));
    }

    @Override
    Signed badScore(String responseId) {
        return ProviderSigning.typeform(ProviderSigning.TYPEFORM, response("form_response", responseId, nps(11)));
    }

    @Override
    String scoreField() {
        return "form_response.answers[nps].number";
    }

    @Override
    Signed withoutAnswer() {
        // a partial response before the respondent reached the NPS question
        return ProviderSigning.typeform(ProviderSigning.TYPEFORM,
                response("form_response_partial", "early-1", email(ALICE)));
    }

    @Override
    Signed forged(String responseId) {
        return ProviderSigning.typeform("someone-elses-secret", response("form_response", responseId, nps(9)));
    }

    @Override
    Signed injected(String responseId) {
        return ProviderSigning.typeform(ProviderSigning.TYPEFORM, """
                {"event_type":"form_response","$where":"1","form_response":{"token":"%s","hidden":{"$ne":null,"a.b":"x"},\
                "answers":[{"field":{"type":"nps","ref":"nps"},"type":"number","number":9},\
                {"field":{"type":"long_text","ref":"reason"},"type":"text","text":{"$set":{"score":0}}},\
                {"field":{"type":"email"},"type":"email","email":"alice@acme.com"}]}}""".formatted(responseId));
    }

    @Test
    void completeResponseWithoutAnNpsAnswerIsRefusedNamingTheField() {
        // GIVEN a complete response that has no number answer
        Signed noScore = ProviderSigning.typeform(ProviderSigning.TYPEFORM,
                response("form_response", "no-nps", email(ALICE), reason("hi")));

        // WHEN it is delivered
        HttpResponse<String> response = send(noScore);

        // THEN 400 naming the answers field, nothing stored
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("form_response.answers");
        assertThat(feedbackCount()).isZero();
    }

    @Test
    void opinionScaleIsTakenWhenItIsTheOnlyNumberAnswer() {
        // GIVEN a form whose 0-10 question is an opinion scale with an arbitrary ref, and a hidden email
        String body = """
                {"event_type":"form_response","form_response":{"form_id":"f","token":"os-1",\
                "hidden":{"email":"alice@acme.com"},"answers":[{"field":{"id":"x","type":"opinion_scale","ref":"q1"},\
                "type":"number","number":3},{"field":{"id":"y","type":"short_text","ref":"name"},"type":"text","text":"Al"}]}}""";

        // WHEN it is delivered
        HttpResponse<String> response = send(ProviderSigning.typeform(ProviderSigning.TYPEFORM, body));

        // THEN the opinion scale is the score, the hidden email is used and a short text is not taken as comment
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        Feedback fb = stored("os-1");
        assertThat(fb.score()).isEqualTo(3);
        assertThat(fb.email()).isEqualTo(ALICE);
        assertThat(fb.comment()).isNull();
    }
}
