package com.referralloop.chat.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.referralloop.followup.FollowUp;
import com.referralloop.sla.SlaTimers;
import com.referralloop.support.FakeSlackApi;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import tools.jackson.databind.JsonNode;

/** Operations: after real traffic, /actuator/prometheus has every series issue 8 names, and health shows Slack. */
class OperationsMetricsTest extends SlackTestBase {

    @Autowired
    SlaTimers slaTimers;
    @Autowired
    SlackHealth slackHealth;

    @Test
    void prometheusShowsEverySeriesAfterTraffic() {
        // GIVEN Acme owned by the rep, and Slack answering the first post with a 429
        importAcme(REP);
        slack.next("chat.postMessage", FakeSlackApi.Reply.rateLimited(1));

        // WHEN a promoter answers, the follow-up is delivered (after the 429), the rep runs a command,
        // and the follow-up goes overdue so the SLA escalates it
        feedback("ops-1", 10, "alice@acme.com", "Love it");
        FollowUp f = postedFollowUp("ops-1");
        assertThat(command("/followup", "list", REP).statusCode()).isEqualTo(200);
        mongo.updateFirst(Query.query(Criteria.where("_id").is(f.id())),
                new Update().set("dueAt", Instant.now().minus(Duration.ofHours(1))).set("slaCheckAt", Instant.now()),
                FollowUp.class);
        assertThat(slaTimers.runOnce().escalatedToManager()).isEqualTo(1);

        // THEN every named series is in the scrape
        String scrape = scrape();
        // ... and while a message waits (Slack answering 429 again) its age is a number, not NaN
        slack.next("chat.postMessage", FakeSlackApi.Reply.rateLimited(30));
        feedback("ops-2", 10, "alice@acme.com", "Again");
        java.util.regex.Pattern age = java.util.regex.Pattern.compile("referral_outbox_oldest_age_seconds [0-9]+\\.[0-9]+");
        java.util.regex.Pattern depth = java.util.regex.Pattern.compile("referral_outbox_depth [1-9]");
        await().atMost(Duration.ofSeconds(15)).until(() -> {
            String waiting = scrape();
            return depth.matcher(waiting).find() && age.matcher(waiting).find();
        });
        List<String> series = List.of(
                "referral_webhooks_received_total{provider=\"generic\"",
                "referral_followups_opened_total{kind=\"PROMOTER\"",
                "referral_outbox_sent_total{platform=\"SLACK\"",
                "referral_followups_escalated_total{level=\"1\"",
                "referral_outbox_depth ",
                "referral_outbox_oldest_age_seconds ",
                "referral_chat_api_errors_total{code=\"429\",platform=\"SLACK\"",
                "referral_outbox_throttled_total{platform=\"SLACK\"",
                "referral_command_latency_seconds_count{command=\"followup\"");
        for (String s : series) {
            assertThat(scrape).as(s).contains(s);
        }
    }

    @Test
    void healthHasMongoAndSlackComponentsAndSlackGoesDownWhenTheTokenIsRefused() {
        // GIVEN Slack accepting the token
        slackHealth.checkAuth();
        // WHEN health is read THEN MongoDB and Slack are both UP
        String body = http.get("/actuator/health").body();
        JsonNode ok = JSON.readTree(body);
        assertThat(ok.path("components").path("mongo").path("status").asString()).as(body).isEqualTo("UP");
        assertThat(ok.path("components").path("slack").path("status").asString()).isEqualTo("UP");
        assertThat(ok.path("components").path("slack").path("details").path("authTest").asString()).isEqualTo("ok");

        // WHEN Slack refuses the token at the next auth.test
        slack.next("auth.test", FakeSlackApi.Reply.error("invalid_auth"));
        slackHealth.checkAuth();
        HttpResponse<String> down = http.get("/actuator/health");
        // THEN the Slack component is DOWN with the reason, and readiness (MongoDB only) stays UP
        JsonNode slackPart = JSON.readTree(down.body()).path("components").path("slack");
        assertThat(slackPart.path("status").asString()).isEqualTo("DOWN");
        assertThat(slackPart.path("details").path("authTest").asString()).isEqualTo("invalid_auth");
        assertThat(down.body()).doesNotContain("xoxb-test-token");
        assertThat(http.get("/actuator/health/readiness").statusCode()).isEqualTo(200);
        slackHealth.checkAuth();
    }

    private String scrape() {
        HttpResponse<String> r = http.get("/actuator/prometheus");
        assertThat(r.statusCode()).isEqualTo(200);
        return r.body();
    }
}
