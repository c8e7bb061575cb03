package com.referralloop.chat.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.referralloop.followup.FollowUp;
import com.referralloop.followup.FollowUpState;
import com.referralloop.support.SlackRequestSigner;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.query.Query;

class SlackSecurityTest extends SlackTestBase {

    @Test
    void forgedStaleAndFutureRequestsAre401AndChangeNothing() {
        // GIVEN an open follow-up that a forged command would close
        importAcme(REP);
        feedback("sec-1", 9, "alice@acme.com", "Great");
        FollowUp f = postedFollowUp("sec-1");
        slack.reset();
        String close = commandBody("/followup", "close " + f.id() + " outcome=referral", REP, "forged");
        String event = homeOpenedEvent("EvForged1", REP);

        // WHEN requests arrive with a wrong secret, an old or future timestamp, no or broken headers
        Map<String, HttpResponse<String>> cases = new LinkedHashMap<>();
        String form = "application/x-www-form-urlencoded";
        cases.put("wrong secret", http.post(SlackConfiguration.PATH, form, close,
                SlackRequestSigner.headers("not-the-secret", close, Instant.now())));
        cases.put("stale", http.post(SlackConfiguration.PATH, form, close,
                SlackRequestSigner.headers(SlackRequestSigner.SECRET, close, Instant.now().minusSeconds(301))));
        cases.put("future", http.post(SlackConfiguration.PATH, form, close,
                SlackRequestSigner.headers(SlackRequestSigner.SECRET, close, Instant.now().plusSeconds(301))));
        cases.put("no headers", http.post(SlackConfiguration.PATH, form, close, Map.of()));
        Map<String, String> tampered = new HashMap<>(SlackRequestSigner.headers(close));
        cases.put("body changed after signing", http.post(SlackConfiguration.PATH, form,
                close.replace("referral", "declined"), tampered));
        Map<String, String> badTs = new HashMap<>(SlackRequestSigner.headers(close));
        badTs.put("X-Slack-Request-Timestamp", "yesterday");
        cases.put("timestamp not a number", http.post(SlackConfiguration.PATH, form, close, badTs));
        cases.put("forged event", http.post(SlackConfiguration.PATH, "application/json", event,
                SlackRequestSigner.headers("not-the-secret", event, Instant.now())));
        cases.put("stale event", http.post(SlackConfiguration.PATH, "application/json", event,
                SlackRequestSigner.headers(SlackRequestSigner.SECRET, event, Instant.now().minusSeconds(600))));

        // THEN every one is refused with 401, the follow-up is untouched, nothing reached Slack or the store
        cases.forEach((name, r) -> {
            assertThat(r.statusCode()).as(name).isEqualTo(401);
            assertThat(r.body()).as(name).contains("invalid request");
        });
        assertThat(followUp(f.id()).state()).isEqualTo(FollowUpState.OPEN);
        assertThat(mongo.count(new Query(), SlackEventLog.SeenEvent.class)).isZero();
        assertThat(slack.calls()).isEmpty();

        // AND the same requests, signed now with the right secret, are accepted (the check is not just closed)
        assertThat(signed(form, close).statusCode()).isEqualTo(200);
        assertThat(followUp(f.id()).state()).isEqualTo(FollowUpState.CLOSED);
        assertThat(signed("application/json", event).statusCode()).isEqualTo(200);
    }

    @Test
    void timestampsJustInsideFiveMinutesAreAccepted() {
        String body = commandBody("/followup", "help", REP, "edge");
        HttpResponse<String> old = http.post(SlackConfiguration.PATH, "application/x-www-form-urlencoded", body,
                SlackRequestSigner.headers(SlackRequestSigner.SECRET, body, Instant.now().minusSeconds(280)));
        HttpResponse<String> ahead = http.post(SlackConfiguration.PATH, "application/x-www-form-urlencoded", body,
                SlackRequestSigner.headers(SlackRequestSigner.SECRET, body, Instant.now().plusSeconds(280)));
        assertThat(old.statusCode()).isEqualTo(200);
        assertThat(ahead.statusCode()).isEqualTo(200);
    }

    @Test
    void aRetriedEventHasOneEffect() {
        // GIVEN the rep owns Acme with one open follow-up
        importAcme(REP);
        feedback("sec-2", 10, "alice@acme.com", "Love it");
        FollowUp f = postedFollowUp("sec-2");
        slack.reset();
        String event = homeOpenedEvent("EvHome1", REP);

        // WHEN Slack delivers app_home_opened, then retries it twice (as after a lost acknowledgement)
        HttpResponse<String> first = signed("application/json", event);
        Map<String, String> retryHeaders = new HashMap<>(SlackRequestSigner.headers(event));
        retryHeaders.put("X-Slack-Retry-Num", "1");
        retryHeaders.put("X-Slack-Retry-Reason", "http_timeout");
        HttpResponse<String> retry1 = http.post(SlackConfiguration.PATH, "application/json", event, retryHeaders);
        HttpResponse<String> retry2 = signed("application/json", event);

        // THEN all are acknowledged, but the home tab is published once and the event stored once
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(retry1.statusCode()).isEqualTo(200);
        assertThat(retry2.statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> slack.calls("views.publish").size() == 1);
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2)).until(() -> slack.calls("views.publish").size() == 1);
        assertThat(mongo.count(new Query(), SlackEventLog.SeenEvent.class)).isEqualTo(1);
        String view = slack.calls("views.publish").get(0).param("view");
        assertThat(slack.calls("views.publish").get(0).param("user_id")).isEqualTo(REP);
        assertThat(view).contains("\"type\":\"home\"").contains(f.id()).contains("Acme").contains("NPS")
                .contains("Promoter → consent");

        // AND a different event id is a new event
        signed("application/json", homeOpenedEvent("EvHome2", REP));
        await().atMost(Duration.ofSeconds(10)).until(() -> slack.calls("views.publish").size() == 2);
    }

    @Test
    void slackUrlVerificationIsAnsweredWhenSigned() {
        String body = "{\"token\":\"legacy\",\"challenge\":\"abc123\",\"type\":\"url_verification\"}";
        HttpResponse<String> r = signed("application/json", body);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("abc123");
    }
}
