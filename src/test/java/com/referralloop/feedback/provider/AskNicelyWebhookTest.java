package com.referralloop.feedback.provider;

import static org.assertj.core.api.Assertions.assertThat;

import com.referralloop.feedback.Feedback;
import com.referralloop.feedback.provider.ProviderSigning.Signed;
import com.referralloop.support.IntegrationTest;
import java.net.http.HttpResponse;
import java.time.Instant;
import org.junit.jupiter.api.Test;

@IntegrationTest
class AskNicelyWebhookTest extends ProviderWebhookContract {

    @Override
    String provider() {
        return "asknicely";
    }

    static String delivery(int count, String id, String score, String email, String comment) {
        return """
                {"count":%d,"person":{"id":"163012","name":"Alice Smith","firstname":"Alice","lastname":"Smith",\
                "email":"%s","created":"1774990112","segment":"general"},"question":{"id":"%s","score":"%s",\
                "comment":"%s","sent":"1774990116","opened":"1774990122","responded":"1774990125",\
                "segment":"general","deliverymethod":"email"}}"""
                .formatted(count, email, id, score, comment == null ? "" : comment);
    }

    @Override
    Signed created(String responseId, int score, String email) {
        return ProviderSigning.asknicely(ProviderSigning.ASKNICELY, delivery(1, responseId, "" + score, email, null));
    }

    @Override
    Signed updated(String responseId, int score, String email, String comment) {
        return ProviderSigning.asknicely(ProviderSigning.ASKNICELY, delivery(2, responseId, "" + score, email, comment));
    }

    @Override
    Signed badScore(String responseId) {
        return ProviderSigning.asknicely(ProviderSigning.ASKNICELY, delivery(1, responseId, "11", ALICE, null));
    }

    @Override
    String scoreField() {
        return "question.score";
    }

    @Override
    Signed withoutAnswer() {
        return ProviderSigning.asknicely(ProviderSigning.ASKNICELY, """
                {"count":0,"person":{"id":"163012","email":"alice@acme.com"}}""");
    }

    @Override
    Signed forged(String responseId) {
        return ProviderSigning.asknicely("guessed-secret", delivery(1, responseId, "9", ALICE, null));
    }

    @Override
    Signed injected(String responseId) {
        return ProviderSigning.asknicely(ProviderSigning.ASKNICELY, """
                {"count":1,"$where":"1","person":{"email":"alice@acme.com","a.b":{"$gt":""}},\
                "question":{"id":"%s","score":"9","comment":{"$set":{"score":0}}}}""".formatted(responseId));
    }

    @Test
    void growingCountMergesEveryDeliveryIntoOneRecord() {
        // GIVEN three deliveries of one answer: score, comment, changed score
        send(created("q-9", 6, ALICE));
        send(updated("q-9", 6, ALICE, "Slow onboarding"));
        HttpResponse<String> third = send(ProviderSigning.asknicely(ProviderSigning.ASKNICELY,
                delivery(3, "q-9", "8", ALICE, "Slow onboarding, better now")));

        // THEN one record holds the latest score and comment
        assertThat(third.statusCode()).isEqualTo(202);
        assertThat(feedbackCount()).isEqualTo(1);
        Feedback fb = stored("q-9");
        assertThat(fb.deliveries()).isEqualTo(3);
        assertThat(fb.score()).isEqualTo(8);
        assertThat(fb.comment()).isEqualTo("Slow onboarding, better now");
        assertThat(fb.respondedAt()).isEqualTo(Instant.ofEpochSecond(1774990125L));
    }

    @Test
    void emptyScoreIsRefusedNamingTheField() {
        // GIVEN a delivery whose score is empty
        HttpResponse<String> response = send(ProviderSigning.asknicely(ProviderSigning.ASKNICELY,
                delivery(1, "q-empty", "", ALICE, null)));

        // THEN 400 naming question.score
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("question.score");
        assertThat(feedbackCount()).isZero();
    }
}
