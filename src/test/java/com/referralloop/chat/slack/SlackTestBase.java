package com.referralloop.chat.slack;

import com.referralloop.chat.outbox.OutboxMessage;
import com.referralloop.chat.outbox.OutboxState;
import com.referralloop.feedback.Feedback;
import com.referralloop.followup.FollowUp;
import com.referralloop.support.FakeSlackApi;
import com.referralloop.support.Http;
import com.referralloop.support.IntegrationTest;
import com.referralloop.support.SlackRequestSigner;
import com.referralloop.support.WebhookSigner;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole app with Slack on, its Web API pointed at {@link FakeSlackApi}; helpers send signed
 * requests to /slack/events exactly as Slack does. Subclasses share one Spring context.
 */
@IntegrationTest
@TestPropertySource(properties = {
        "referral.slack.bot-token=xoxb-test-token",
        "referral.slack.signing-secret=" + SlackRequestSigner.SECRET,
        "referral.slack.default-channel=CDEFAULT",
        "referral.outbox.base-backoff=100ms",
        "referral.outbox.max-backoff=500ms"
})
@Import(SlowCommand.class)
abstract class SlackTestBase {

    static final FakeSlackApi slack = FakeSlackApi.shared();
    static final JsonMapper JSON = JsonMapper.builder().build();
    /** The rep who owns Acme, as Slack knows them. */
    static final String REP = "UREP1";
    static final String REP_EMAIL = "rep@vendor.com";

    @DynamicPropertySource
    static void slackApi(DynamicPropertyRegistry registry) {
        registry.add("referral.slack.api-url", slack::apiUrl);
    }

    @LocalServerPort
    int port;

    @Autowired
    MongoTemplate mongo;

    Http http;

    @BeforeEach
    void resetWorld() {
        http = new Http(port);
        // emptied rather than dropped: background workers keep writing, and the embedded server's drop races with them
        mongo.getCollectionNames().forEach(c -> mongo.remove(new Query(), c));
        slack.reset();
        slack.forgetUsers();
        slack.user(REP, REP_EMAIL);
        SlowCommand.release = new CountDownLatch(1);
    }

    void importAccounts(String csv) {
        assertThat(http.post("/api/accounts/import", "text/csv", csv, Map.of()).statusCode()).isEqualTo(200);
    }

    /** Acme, owned by the rep (Slack id known), with Alice; and Globex, owner known by email only. */
    void importAcme(String ownerSlackId) {
        importAcme(REP_EMAIL, ownerSlackId);
    }

    void importAcme(String ownerEmail, String ownerSlackId) {
        importAccounts("""
                account_id,account_name,owner_email,owner_slack_id,owner_discord_id,manager_email,cs_channel,contact_email,contact_name
                A-1,Acme,%s,%s,,boss@vendor.com,CCS,alice@acme.com,Alice Smith
                """.formatted(ownerEmail, ownerSlackId == null ? "" : ownerSlackId));
    }

    /** A Slack user id no earlier test used, so nothing about them is cached yet. */
    static String freshUserId() {
        return "UNEW" + Long.toString(System.nanoTime(), 36).toUpperCase();
    }

    HttpResponse<String> feedback(String id, int score, String email, String comment) {
        String body = JSON.writeValueAsString(Map.of("responseId", id, "source", "nps", "score", score, "email", email,
                "comment", comment));
        HttpResponse<String> r = http.post("/webhooks/feedback", "application/json", body, WebhookSigner.headers(body));
        assertThat(r.statusCode()).isEqualTo(202);
        return r;
    }

    /** Waits until the follow-up for an answer exists and its Slack message was posted. */
    FollowUp postedFollowUp(String responseId) {
        await().atMost(Duration.ofSeconds(15)).until(() -> {
            FollowUp f = mongo.findOne(Query.query(Criteria.where("feedbackId").is(Feedback.idOf("nps", responseId))), FollowUp.class);
            return f != null && !f.messages().isEmpty();
        });
        return mongo.findOne(Query.query(Criteria.where("feedbackId").is(Feedback.idOf("nps", responseId))), FollowUp.class);
    }

    FollowUp followUp(String id) {
        return mongo.findById(id, FollowUp.class);
    }

    long outbox(OutboxState state) {
        return mongo.count(Query.query(Criteria.where("state").is(state)), OutboxMessage.class);
    }

    /** The first call of a Web API method (or {@code respond:<name>}), once it has come. */
    FakeSlackApi.Call awaitCall(String method) {
        await().atMost(Duration.ofSeconds(10)).until(() -> !slack.calls(method).isEmpty());
        return slack.calls(method).get(0);
    }

    // --- signed requests as Slack sends them ---

    /** What the user reads: the acknowledgement's text, or the answer that followed through response_url. */
    String say(String command, String text, String user, String name) {
        HttpResponse<String> r = signed("application/x-www-form-urlencoded", commandBody(command, text, user, name));
        assertThat(r.statusCode()).isEqualTo(200);
        if (!r.body().isBlank() && JSON.readTree(r.body()).has("text")) {
            return shown(r.body());
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> !slack.calls("respond:" + name).isEmpty());
        return unescape(slack.calls("respond:" + name).get(0).param("text"));
    }

    HttpResponse<String> signed(String contentType, String body) {
        return http.post(SlackConfiguration.PATH, contentType, body, SlackRequestSigner.headers(body));
    }

    HttpResponse<String> command(String command, String text, String userId) {
        return signed("application/x-www-form-urlencoded", commandBody(command, text, userId, "cmd"));
    }

    String commandBody(String command, String text, String userId, String responseName) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("token", "legacy");
        p.put("team_id", "T0001");
        p.put("team_domain", "fake");
        p.put("channel_id", "CWORK");
        p.put("channel_name", "work");
        p.put("user_id", userId);
        p.put("user_name", userId.toLowerCase());
        p.put("command", command);
        p.put("text", text);
        p.put("api_app_id", "A0001");
        p.put("response_url", slack.responseUrl(responseName));
        p.put("trigger_id", "trigger-" + System.nanoTime());
        return form(p);
    }

    HttpResponse<String> click(String actionId, String value, String blockId, String userId, String responseName) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("type", "block_actions");
        payload.put("team", Map.of("id", "T0001", "domain", "fake"));
        payload.put("user", Map.of("id", userId, "username", userId.toLowerCase(), "name", userId.toLowerCase(), "team_id", "T0001"));
        payload.put("api_app_id", "A0001");
        payload.put("token", "legacy");
        payload.put("container", Map.of("type", "message", "message_ts", "1700000000.000001", "channel_id", "D" + userId));
        payload.put("trigger_id", "trigger-" + System.nanoTime());
        payload.put("channel", Map.of("id", "D" + userId, "name", "directmessage"));
        payload.put("response_url", slack.responseUrl(responseName));
        payload.put("actions", java.util.List.of(Map.of("action_id", actionId, "block_id", blockId, "value", value,
                "type", "button", "action_ts", "1700000001.000000", "text", Map.of("type", "plain_text", "text", "x"))));
        return signed("application/x-www-form-urlencoded", form(Map.of("payload", JSON.writeValueAsString(payload))));
    }

    HttpResponse<String> submit(String privateMetadata, String userId, Map<String, String> textInputs) {
        Map<String, Object> values = new LinkedHashMap<>();
        textInputs.forEach((k, v) -> values.put(k, Map.of(k, Map.of("type", "plain_text_input", "value", v))));
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", "V1");
        view.put("type", "modal");
        view.put("callback_id", SlackBlocks.FORM_CALLBACK);
        view.put("private_metadata", privateMetadata);
        view.put("blocks", textInputs.keySet().stream().map(k -> Map.of("type", "input", "block_id", k)).toList());
        view.put("state", Map.of("values", values));
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("type", "view_submission");
        payload.put("team", Map.of("id", "T0001", "domain", "fake"));
        payload.put("user", Map.of("id", userId, "username", userId.toLowerCase(), "name", userId.toLowerCase(), "team_id", "T0001"));
        payload.put("api_app_id", "A0001");
        payload.put("token", "legacy");
        payload.put("trigger_id", "trigger-" + System.nanoTime());
        payload.put("view", view);
        return signed("application/x-www-form-urlencoded", form(Map.of("payload", JSON.writeValueAsString(payload))));
    }

    String homeOpenedEvent(String eventId, String userId) {
        return JSON.writeValueAsString(Map.of("token", "legacy", "team_id", "T0001", "api_app_id", "A0001",
                "type", "event_callback", "event_id", eventId, "event_time", 1700000000,
                "event", Map.of("type", "app_home_opened", "user", userId, "channel", "D" + userId, "tab", "home",
                        "event_ts", "1700000000.000100")));
    }

    static String form(Map<String, String> p) {
        return p.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    }

    /** The text Slack would show for an acknowledgement or a response_url answer. */
    static String shown(String json) {
        return unescape(JSON.readTree(json).path("text").asString());
    }

    /** Slack's mrkdwn escapes, undone: what the user reads. */
    static String unescape(String s) {
        return s == null ? null : s.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
    }
}
