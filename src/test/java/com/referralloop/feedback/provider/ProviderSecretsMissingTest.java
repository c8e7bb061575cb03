package com.referralloop.feedback.provider;

import static org.assertj.core.api.Assertions.assertThat;

import com.referralloop.feedback.Feedback;
import com.referralloop.feedback.provider.ProviderSigning.Signed;
import com.referralloop.support.Http;
import com.referralloop.support.IntegrationTest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;

/** With no provider secret configured (the default), every provider endpoint refuses every request. */
@IntegrationTest
class ProviderSecretsMissingTest {

    @LocalServerPort
    int port;

    @Autowired
    MongoTemplate mongo;

    Http http;

    @BeforeEach
    void setUp() {
        http = new Http(port);
        for (String collection : mongo.getCollectionNames()) {
            mongo.getCollection(collection).deleteMany(new org.bson.Document());
        }
    }

    @Test
    void everyProviderRefusesCorrectlySignedAnswersWhileItsSecretIsUnset() {
        // GIVEN answers signed with what would be the right secrets, and the unsigned Formbricks ping
        Map<String, Signed> requests = new LinkedHashMap<>();
        requests.put("delighted", ProviderSigning.delighted(ProviderSigning.DELIGHTED,
                DelightedWebhookTest.response("survey_response.created", "m-1", 9, "alice@acme.com", null)));
        requests.put("typeform", ProviderSigning.typeform(ProviderSigning.TYPEFORM,
                TypeformWebhookTest.response("form_response", "m-2", TypeformWebhookTest.nps(9))));
        requests.put("wootric", ProviderSigning.wootric(ProviderSigning.WOOTRIC, "application/json",
                WootricWebhookTest.json("created", "3", 9, "alice@acme.com", null)));
        requests.put("asknicely", ProviderSigning.asknicely(ProviderSigning.ASKNICELY,
                AskNicelyWebhookTest.delivery(1, "m-4", "9", "alice@acme.com", null)));
        requests.put("formbricks", ProviderSigning.formbricks(ProviderSigning.FORMBRICKS,
                FormbricksWebhookTest.event("responseFinished", "m-5", true, "\"nps\":9", "alice@acme.com"),
                Instant.now()));

        requests.forEach((provider, request) -> {
            // WHEN each is delivered
            HttpResponse<String> response = http.post("/webhooks/feedback/" + provider, request.contentType(),
                    request.body(), request.headers());

            // THEN 401 naming the variable to set
            assertThat(response.statusCode()).as(provider).isEqualTo(401);
            assertThat(response.body()).as(provider).contains("_WEBHOOK_SECRET").contains("not configured");
        });
        HttpResponse<String> ping = http.post("/webhooks/feedback/formbricks", "application/json",
                "{\"event\":\"testEndpoint\"}", Map.of());
        assertThat(ping.statusCode()).isEqualTo(401);
        assertThat(mongo.count(new Query(), Feedback.class)).isZero();
    }
}
