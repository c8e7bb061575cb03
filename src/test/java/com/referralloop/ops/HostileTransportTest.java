package com.referralloop.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.referralloop.feedback.Feedback;
import com.referralloop.followup.FollowUp;
import com.referralloop.reply.UnmatchedReply;
import com.referralloop.support.FakeSlackApi;
import com.referralloop.support.Http;
import com.referralloop.support.IntegrationTest;
import com.referralloop.support.SlackRequestSigner;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * Every inbound endpoint (generic and five provider webhooks, email replies, Slack) with every secret set,
 * fed oversized, malformed, wrongly typed and unsigned bodies: each answers 4xx and nothing is stored.
 */
@IntegrationTest
@TestPropertySource(properties = {
        "referral.slack.bot-token=xoxb-transport-test",
        "referral.slack.signing-secret=" + SlackRequestSigner.SECRET,
        "referral.feedback.delighted-secret=d-secret",
        "referral.feedback.typeform-secret=t-secret",
        "referral.feedback.wootric-secret=w-secret",
        "referral.feedback.asknicely-secret=a-secret",
        "referral.feedback.formbricks-secret=whsec_dGVzdC1mb3JtYnJpY2tzLXNlY3JldC0wMTIzNDU2Nzg5",
        "referral.sla.email-reply-secret=whsec_ZW1haWwtcmVwbHktdGVzdC1zZWNyZXQtMDEyMzQ1"
})
class HostileTransportTest {

    static final FakeSlackApi slack = FakeSlackApi.shared();
    static final List<String> ENDPOINTS = List.of("/webhooks/feedback", "/webhooks/feedback/delighted",
            "/webhooks/feedback/typeform", "/webhooks/feedback/wootric", "/webhooks/feedback/asknicely",
            "/webhooks/feedback/formbricks", "/webhooks/email-reply", "/slack/events");

    @DynamicPropertySource
    static void slackApi(DynamicPropertyRegistry registry) {
        registry.add("referral.slack.api-url", slack::apiUrl);
    }

    @LocalServerPort
    int port;
    @Autowired
    MongoTemplate mongo;

    @Test
    void everyEndpointRefusesHostileBodiesWith4xxAndStoresNothing() {
        Http http = new Http(port);
        String big = "{\"responseId\":\"big\",\"score\":9,\"comment\":\"" + "x".repeat(300 * 1024) + "\"}";
        Map<String, Integer> statuses = new LinkedHashMap<>();
        for (String path : ENDPOINTS) {
            // GIVEN/WHEN: over 256 KiB, malformed JSON, XML, binary, empty, and operator-only JSON, all unsigned
            statuses.put(path + " oversized", http.post(path, "application/json", big, Map.of()).statusCode());
            statuses.put(path + " malformed", http.post(path, "application/json", "{\"score\": 9,", Map.of()).statusCode());
            statuses.put(path + " xml", http.post(path, "application/xml", "<score>9</score>", Map.of()).statusCode());
            statuses.put(path + " binary", http.post(path, "application/octet-stream", new byte[] {0, 1, 2, (byte) 0xff}, Map.of()).statusCode());
            statuses.put(path + " empty", http.post(path, "application/json", "", Map.of()).statusCode());
            statuses.put(path + " operators", http.post(path, "application/json",
                    "{\"$where\":\"1==1\",\"score\":{\"$gt\":0},\"a.b\":1}", Map.of()).statusCode());
        }
        // THEN every answer is a 4xx (never 2xx, never a 5xx), oversized ones are 413
        assertThat(statuses).allSatisfy((k, v) -> assertThat(v).as(k).isBetween(400, 499));
        statuses.entrySet().stream().filter(e -> e.getKey().endsWith("oversized"))
                .forEach(e -> assertThat(e.getValue()).as(e.getKey()).isEqualTo(413));
        // AND nothing was stored
        assertThat(mongo.count(new Query(), Feedback.class)).isZero();
        assertThat(mongo.count(new Query(), FollowUp.class)).isZero();
        assertThat(mongo.count(new Query(), UnmatchedReply.class)).isZero();
    }
}
