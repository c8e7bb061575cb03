package com.referralloop.feedback.provider;

import static org.assertj.core.api.Assertions.assertThat;

import com.referralloop.feedback.provider.ProviderSigning.Signed;
import com.referralloop.support.IntegrationTest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

@IntegrationTest
class DelightedWebhookTest extends ProviderWebhookContract {

    @Override
    String provider() {
        return "delighted";
    }

    static String response(String event, String id, Object score, String email, String comment) {
        return """
                {"event_type":"%s","event_id":"ev-%s-%s","event_data":{"id":"%s","person":{"id":"5975","email":"%s",\
                "name":"Alice Smith","created_at":1764064800},"survey_type":"nps","score":%s,"comment":%s,\
                "permalink":"https://app.delighted.com/r/x","created_at":1764064860,"updated_at":1764065460,\
                "person_properties":{"Plan":"Enterprise"},"notes":[],"tags":[],"additional_answers":[]}}"""
                .formatted(event, event, id, id, email, score, comment == null ? "null" : "\"" + comment + "\"");
    }

    @Override
    Signed created(String responseId, int score, String email) {
        return ProviderSigning.delighted(ProviderSigning.DELIGHTED,
                response("survey_response.created", responseId, score, email, null));
    }

    @Override
    Signed updated(String responseId, int score, String email, String comment) {
        return ProviderSigning.delighted(ProviderSigning.DELIGHTED,
                response("survey_response.updated", responseId, score, email, comment));
    }

    @Override
    Signed badScore(String responseId) {
        return ProviderSigning.delighted(ProviderSigning.DELIGHTED,
                response("survey_response.created", responseId, 11, ALICE, null));
    }

    @Override
    String scoreField() {
        return "event_data.score";
    }

    @Override
    Signed withoutAnswer() {
        return ProviderSigning.delighted(ProviderSigning.DELIGHTED, """
                {"event_type":"unsubscribe.created","event_id":"ev-u1","event_data":{"person":{"id":"5975",\
                "email":"alice@acme.com"},"created_at":1764064800}}""");
    }

    @Override
    Signed forged(String responseId) {
        return ProviderSigning.delighted("someone-elses-key",
                response("survey_response.created", responseId, 9, ALICE, null));
    }

    @Override
    Signed injected(String responseId) {
        return ProviderSigning.delighted(ProviderSigning.DELIGHTED, """
                {"event_type":"survey_response.created","$where":"1","event_data":{"id":"%s","score":9,\
                "comment":{"$set":{"score":0}},"person":{"email":"alice@acme.com","$ne":null},"a.b":{"$gt":""}}}"""
                .formatted(responseId));
    }

    @Test
    void nonNpsSurveyTypeIsIgnored() {
        // GIVEN a CSAT answer (1-5 scale) from the same Delighted account
        String csat = response("survey_response.created", "csat-1", 5, ALICE, null).replace("\"nps\"", "\"csat\"");

        // WHEN it is delivered
        HttpResponse<String> response = send(ProviderSigning.delighted(ProviderSigning.DELIGHTED, csat));

        // THEN it is acknowledged but not read as an NPS answer
        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(response.body()).contains("ignored");
        assertThat(feedbackCount()).isZero();
    }

    @Test
    void missingScoreIsRefusedNamingTheField() {
        // GIVEN a response event without a score
        String noScore = response("survey_response.created", "r-ns", "null", ALICE, null);

        // WHEN it is delivered
        HttpResponse<String> response = send(ProviderSigning.delighted(ProviderSigning.DELIGHTED, noScore));

        // THEN 400 naming event_data.score
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("event_data.score");
        assertThat(feedbackCount()).isZero();
    }
}
