package com.referralloop.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.referralloop.account.AccountService;
import com.referralloop.chat.ChatUser;
import com.referralloop.feedback.FeedbackService;
import com.referralloop.followup.FollowUp;
import com.referralloop.followup.FollowUpKind;
import com.referralloop.followup.FollowUpOutcome;
import com.referralloop.followup.FollowUpService;
import com.referralloop.followup.FollowUpState;
import com.referralloop.support.Http;
import com.referralloop.support.IntegrationTest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** The dashboard's JSON, the CSV export, the OpenAPI description and the playground's forgery guard, over HTTP. */
@IntegrationTest
// own context (own store file): the foundation tests drop the database, which the embedded server does not
// survive while another test class's background work (outbox, sweeps) still touches it
class WebApiTest {

    @LocalServerPort
    int port;

    @Autowired
    MongoTemplate mongo;

    @Autowired
    AccountService accounts;

    @Autowired
    FeedbackService feedback;

    @Autowired
    FollowUpService followUps;

    @Autowired
    ObjectMapper json;

    Http http;

    @BeforeEach
    void seed() {
        http = new Http(port);
        WebSeed.clear(mongo);
        WebSeed.load(accounts, feedback);
        await().atMost(Duration.ofSeconds(15)).until(() -> mongo.count(new Query(), FollowUp.class) == 5);
    }

    JsonNode get(String path) {
        HttpResponse<String> r = http.get(path);
        assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
        return json.readTree(r.body());
    }

    @Test
    void npsAndCountsMatchTheSeed() {
        // GIVEN 3 promoters, 1 passive, 2 detractors in the last week
        // WHEN the NPS is asked for
        JsonNode nps = get("/api/dashboard/nps");
        // THEN it is round(100 * (3 - 2) / 6)
        assertThat(nps.get("nps").asInt()).isEqualTo(WebSeed.NPS);
        assertThat(nps.get("promoters").asInt()).isEqualTo(3);
        assertThat(nps.get("passives").asInt()).isEqualTo(1);
        assertThat(nps.get("detractors").asInt()).isEqualTo(2);
        assertThat(nps.get("responses").asInt()).isEqualTo(6);
    }

    @Test
    void filtersNarrowTheFigures() {
        // GIVEN Acme (rep@) got answers 9, 9, 8, 5 and Globex (kim@) 10, 3
        // WHEN filtered by owner, by an unknown source, and by a period that holds only the first two days
        JsonNode rep = get("/api/dashboard/nps?owner=" + WebSeed.REP);
        JsonNode none = get("/api/dashboard/nps?source=elsewhere");
        JsonNode week = get("/api/dashboard/nps?period=7d");
        // THEN each counts only what matches
        assertThat(rep.get("responses").asInt()).isEqualTo(4);
        assertThat(rep.get("promoters").asInt()).isEqualTo(2);
        assertThat(rep.get("detractors").asInt()).isEqualTo(1);
        assertThat(none.get("responses").asInt()).isZero();
        assertThat(none.has("nps")).as("no NPS without answers").isFalse();
        assertThat(week.get("responses").asInt()).isEqualTo(6);
        assertThat(http.get("/api/dashboard/nps?period=forever").statusCode()).isEqualTo(400);
    }

    @Test
    void funnelSlaAndTimeToImpactFollowWhatPeopleDid() {
        // GIVEN the owner asks one promoter for a referral and snoozes a detractor
        FollowUp promoter = mongo.findAll(FollowUp.class).stream().filter(f -> f.kind() == FollowUpKind.PROMOTER).findFirst().orElseThrow();
        FollowUp detractor = mongo.findAll(FollowUp.class).stream().filter(f -> f.kind() == FollowUpKind.DETRACTOR).findFirst().orElseThrow();
        ChatUser rep = PlaygroundPage.userOf(WebSeed.REP);
        followUps.close(promoter.id(), FollowUpOutcome.REFERRAL_ASKED, null, rep);
        followUps.snooze(detractor.id(), java.time.Instant.now().plus(Duration.ofDays(1)), rep);

        // WHEN the funnel, SLA and time to impact are read
        JsonNode funnel = get("/api/dashboard/funnel");
        JsonNode sla = get("/api/dashboard/sla");
        JsonNode tti = get("/api/dashboard/time-to-impact");
        JsonNode owners = get("/api/dashboard/owners");

        // THEN one promoter of three was acted on, both actions were on time, one outcome exists
        assertThat(funnel.get("promoters").asInt()).isEqualTo(3);
        assertThat(funnel.get("acknowledged").asInt()).isEqualTo(1);
        assertThat(funnel.get("consents").asInt()).as("no referral program bean: zero").isZero();
        assertThat(sla.get("onTime").asInt()).isEqualTo(2);
        assertThat(sla.get("late").asInt()).isZero();
        assertThat(sla.get("pending").asInt()).isEqualTo(3);
        assertThat(sla.get("compliance").asInt()).isEqualTo(100);
        assertThat(tti.get("outcomes").asInt()).isEqualTo(1);
        assertThat(tti.get("medianHours").asDouble()).isLessThan(1.0);
        // AND the closed follow-up no longer counts as open
        int open = 0;
        for (JsonNode o : owners) {
            open += o.get("open").asInt();
        }
        assertThat(open).isEqualTo(4);
        assertThat(mongo.findById(promoter.id(), FollowUp.class).state()).isEqualTo(FollowUpState.CLOSED);
    }

    @Test
    void allFiguresAtOnceAndTheProgramPartsAreEmptyLists() {
        JsonNode all = get("/api/dashboard");
        assertThat(all.get("nps").get("nps").asInt()).isEqualTo(WebSeed.NPS);
        assertThat(all.get("npsByWeek").size()).isGreaterThanOrEqualTo(1);
        assertThat(all.get("topReferences").isArray()).isTrue();
        assertThat(get("/api/dashboard/top-references").size()).isZero();
        assertThat(get("/api/dashboard/referral-trees").size()).isZero();
        assertThat(get("/api/dashboard/nps-weekly").get(0).has("weekStart")).isTrue();
    }

    @Test
    void referralsCsvHasItsHeaderEvenWhenEmpty() {
        for (String path : new String[] {"/api/referrals.csv", "/dashboard/referrals.csv"}) {
            HttpResponse<String> r = http.get(path);
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
            assertThat(r.body().trim()).isEqualTo(String.join(",", ReferralCsv.HEADER));
        }
    }

    @Test
    void openApiDescribesTheDashboardEndpoints() {
        JsonNode api = get("/v3/api-docs");
        JsonNode paths = api.get("paths");
        for (String p : new String[] {"/api/dashboard", "/api/dashboard/nps", "/api/dashboard/nps-weekly", "/api/dashboard/funnel",
            "/api/dashboard/sla", "/api/dashboard/time-to-impact", "/api/dashboard/owners", "/api/dashboard/top-references",
            "/api/dashboard/referral-trees", "/api/referrals.csv"}) {
            assertThat(paths.has(p)).as(p + " documented").isTrue();
        }
    }

    @Test
    void pagesAndChartLibraryAreServedWithoutTheInternet() {
        assertThat(http.get("/webjars/echarts/dist/echarts.min.js").statusCode()).isEqualTo(200);
        HttpResponse<String> page = http.get("/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("/webjars/echarts/dist/echarts.min.js").doesNotContain("cdn");
        assertThat(http.get("/playground").body()).contains("name=\"_csrf\"");
    }

    @Test
    void playgroundPostWithoutItsTokenChangesNothing() {
        // GIVEN an open follow-up
        FollowUp f = mongo.findAll(FollowUp.class).get(0);
        // WHEN another site makes the browser post a button click (no session token, foreign Origin)
        String form = "as=" + WebSeed.REP + "&actionId=followup.snooze-1d&value=" + f.id();
        HttpResponse<String> forged = http.post("/playground/action", "application/x-www-form-urlencoded", form,
                Map.of("Origin", "https://evil.example"));
        HttpResponse<String> noToken = http.post("/playground/action", "application/x-www-form-urlencoded", form, Map.of());
        // THEN both are refused and the follow-up is untouched
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(noToken.statusCode()).isEqualTo(403);
        assertThat(mongo.findById(f.id(), FollowUp.class).state()).isEqualTo(FollowUpState.OPEN);
    }
}
