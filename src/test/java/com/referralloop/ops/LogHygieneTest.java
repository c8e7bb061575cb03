package com.referralloop.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * Runs traffic through every entry point with every secret configured and real email addresses in the
 * payloads, captures what the application logs meanwhile, and checks no line holds a secret or a full
 * email address (the allowed form is {@code a***@domain}).
 */
@IntegrationTest
@ExtendWith(OutputCaptureExtension.class)
@TestPropertySource(properties = {
        "referral.api.token=" + LogHygieneTest.API_TOKEN,
        "referral.slack.bot-token=" + LogHygieneTest.BOT_TOKEN,
        "referral.slack.signing-secret=" + SlackRequestSigner.SECRET,
        "referral.slack.default-channel=CUNASSIGNED",
        "referral.feedback.delighted-secret=" + LogHygieneTest.DELIGHTED_SECRET,
        "referral.sla.email-reply-secret=" + LogHygieneTest.EMAIL_SECRET,
        "referral.sla.reply-token-key=" + LogHygieneTest.REPLY_KEY,
        "referral.sla.reply-domain=replies.example.com",
        "referral.web.crm-webhook-secret=" + LogHygieneTest.CRM_SECRET,
        "referral.outbox.base-backoff=100ms",
        "referral.outbox.max-backoff=300ms",
        "logging.level.com.referralloop=DEBUG"
})
class LogHygieneTest {

    static final String API_TOKEN = "api-token-5ecr3t-4f9a8b7c6d";
    static final String BOT_TOKEN = "xoxb-bot-5ecr3t-1234567890";
    static final String DELIGHTED_SECRET = "delighted-5ecr3t-key";
    static final String EMAIL_SECRET = "whsec_ZW1haWwtcmVwbHktNWVjcjN0LTAxMjM0NTY3ODk=";
    static final String REPLY_KEY = "reply-key-5ecr3t-0123456789abcdef";
    static final String CRM_SECRET = "crm-5ecr3t-0123456789";
    static final List<String> SECRETS = List.of(API_TOKEN, BOT_TOKEN, SlackRequestSigner.SECRET, DELIGHTED_SECRET,
            EMAIL_SECRET, REPLY_KEY, CRM_SECRET, WebhookSigner.SECRET,
            // the base64 key inside a whsec_ secret, on its own
            WebhookSigner.SECRET.substring("whsec_".length()), EMAIL_SECRET.substring("whsec_".length()));
    static final String ROSE = "rose.tyler@acme-corp.com";
    static final String UNKNOWN = "zed.stranger@nowhere-land.org";
    static final String REP = "sarah.owner@vendor-co.com";

    static final FakeSlackApi slack = FakeSlackApi.shared();
    /** Any address; it is allowed only in the masked form x***@domain. */
    static final Pattern EMAIL = Pattern.compile("([A-Za-z0-9._%+*-]+)@([A-Za-z0-9-]+\\.[A-Za-z0-9.-]+)");

    @DynamicPropertySource
    static void slackApi(DynamicPropertyRegistry registry) {
        registry.add("referral.slack.api-url", slack::apiUrl);
    }

    @LocalServerPort
    int port;
    @Autowired
    MongoTemplate mongo;

    @Test
    void noSecretAndNoFullEmailAddressReachesTheLog(CapturedOutput output) {
        Http http = new Http(port);
        slack.reset();
        slack.user("UREP", REP);
        Map<String, String> bearer = Map.of("Authorization", "Bearer " + API_TOKEN);

        // GIVEN accounts imported through the API with the token (the owner known to Slack by email only)
        String csv = """
                account_id,account_name,owner_email,owner_slack_id,owner_discord_id,manager_email,cs_channel,contact_email,contact_name
                A-9,Acme Corp,%s,,,boss.person@vendor-co.com,,%s,Rose Tyler
                """.formatted(REP, ROSE);
        assertThat(http.post("/api/accounts/import", "text/csv", csv, bearer).statusCode()).isEqualTo(200);
        // a wrong token, too
        assertThat(http.get("/api/followups", Map.of("Authorization", "Bearer wrong-" + API_TOKEN)).statusCode()).isEqualTo(401);

        // WHEN a promoter, a detractor with an email in the comment, and an unknown respondent answer
        generic(http, "lh-1", 10, ROSE, "Tell my friend jack.harkness@torchwood.org about you!");
        generic(http, "lh-2", 2, ROSE, "Call me on rose.tyler@acme-corp.com");
        generic(http, "lh-3", 9, UNKNOWN, "Fine");
        // ... a badly signed one and one with a malformed body
        String forged = "{\"responseId\":\"lh-4\",\"source\":\"nps\",\"score\":10,\"email\":\"" + ROSE + "\"}";
        assertThat(http.post("/webhooks/feedback", "application/json", forged,
                WebhookSigner.headers("whsec_" + java.util.Base64.getEncoder().encodeToString("wrong-key-wrong-key".getBytes()),
                        forged, Instant.now())).statusCode()).isEqualTo(401);
        String broken = "{\"responseId\":\"lh-5\",\"email\":\"" + ROSE + "\",";
        assertThat(http.post("/webhooks/feedback", "application/json", broken, WebhookSigner.headers(broken)).statusCode())
                .isEqualTo(400);
        // ... a Delighted webhook, signed and forged
        String delighted = """
                {"event_type":"survey_response.created","event_id":"ev-9","event_data":{"id":"d-9","score":10,
                "comment":"Great","person":{"id":"p-9","email":"%s","name":"Rose Tyler"},"created_at":1764064800}}
                """.formatted(ROSE);
        http.post("/webhooks/feedback/delighted", "application/json", delighted,
                Map.of("X-Delighted-Webhook-Signature", "sha256=" + hmac(DELIGHTED_SECRET, delighted)));
        http.post("/webhooks/feedback/delighted", "application/json", delighted,
                Map.of("X-Delighted-Webhook-Signature", "sha256=" + hmac("nope", delighted)));

        // ... the follow-up reaches Slack (the owner found by email), the rep uses a command and a button
        await().atMost(Duration.ofSeconds(20)).until(() -> delivered("nps|lh-1"));
        FollowUp promoter = mongo.findOne(Query.query(Criteria.where("feedbackId").is("nps|lh-1")), FollowUp.class);
        slack.user("UREP", REP);
        assertThat(slackCommand(http, "/followup", "list", "UREP").statusCode()).isEqualTo(200);
        assertThat(slackCommand(http, "/followup", "close " + promoter.id() + " outcome=bogus note=\"" + ROSE + "\"", "UREP")
                .statusCode()).isEqualTo(200);
        assertThat(slackClick(http, "followup.ack", promoter.id(), "UREP").statusCode()).isEqualTo(200);
        // ... a Slack request with a bad signature
        String body = "command=%2Ffollowup&text=list&user_id=UREP";
        assertThat(http.post("/slack/events", "application/x-www-form-urlencoded", body,
                SlackRequestSigner.headers("not-the-secret", body, Instant.now())).statusCode()).isEqualTo(401);
        // ... Slack fails a post to an unknown person's DM
        slack.failDestination("CUNASSIGNED", "channel_not_found");
        generic(http, "lh-6", 10, "other.stranger@nowhere-land.org", "hi");
        // ... a customer replies by email, signed and unsigned
        String reply = form(Map.of("from", "Rose Tyler <" + ROSE + ">", "to", "support@vendor-co.com",
                "subject", "Re: thanks", "text", "Sure, write to me at " + ROSE));
        http.post("/webhooks/email-reply", "application/x-www-form-urlencoded", reply,
                WebhookSigner.headers(EMAIL_SECRET, reply, Instant.now()));
        http.post("/webhooks/email-reply", "application/x-www-form-urlencoded", reply, Map.of());
        // let the outbox work through what is queued (dead letters included)
        await().atMost(Duration.ofSeconds(20)).until(() -> mongo.count(Query.query(Criteria.where("state").is("PENDING")),
                "outbox") == 0 || output.getAll().contains("dead-letter"));

        // THEN the captured log has neither a secret nor a full email address
        String log = output.getAll();
        assertThat(log).as("the traffic was logged at all").contains("referralloop");
        for (String secret : SECRETS) {
            assertThat(log).as("secret " + secret.substring(0, 6) + "…").doesNotContain(secret);
        }
        assertThat(unmasked(log)).as("full email addresses in the log").isEmpty();
    }

    /** Every email-looking token whose local part is not masked as x***, with its line. */
    static List<String> unmasked(String log) {
        List<String> found = new ArrayList<>();
        for (String line : log.split("\\R")) {
            Matcher m = EMAIL.matcher(line);
            while (m.find()) {
                if (!m.group(1).matches(".\\*\\*\\*")) {
                    found.add(m.group() + "  <-  " + (line.length() > 300 ? line.substring(0, 300) + "…" : line));
                }
            }
        }
        return found;
    }

    private boolean delivered(String feedbackId) {
        FollowUp f = mongo.findOne(Query.query(Criteria.where("feedbackId").is(feedbackId)), FollowUp.class);
        return f != null && !f.messages().isEmpty();
    }

    private static void generic(Http http, String id, int score, String email, String comment) {
        String body = """
                {"responseId":"%s","source":"nps","score":%d,"comment":"%s","email":"%s"}
                """.formatted(id, score, comment, email);
        HttpResponse<String> r = http.post("/webhooks/feedback", "application/json", body, WebhookSigner.headers(body));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
    }

    private static HttpResponse<String> slackCommand(Http http, String command, String text, String user) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("team_id", "T0001");
        p.put("channel_id", "CWORK");
        p.put("user_id", user);
        p.put("user_name", user.toLowerCase());
        p.put("command", command);
        p.put("text", text);
        p.put("api_app_id", "A0001");
        p.put("response_url", slack.responseUrl("lh"));
        p.put("trigger_id", "trigger-" + System.nanoTime());
        String body = form(p);
        return http.post("/slack/events", "application/x-www-form-urlencoded", body, SlackRequestSigner.headers(body));
    }

    private static HttpResponse<String> slackClick(Http http, String actionId, String value, String user) {
        String payload = """
                {"type":"block_actions","team":{"id":"T0001","domain":"fake"},"user":{"id":"%s","username":"u","name":"u","team_id":"T0001"},
                "api_app_id":"A0001","token":"legacy","trigger_id":"t-1","container":{"type":"message","message_ts":"1700000000.000001","channel_id":"D%s"},
                "channel":{"id":"D%s","name":"directmessage"},"response_url":"%s",
                "actions":[{"action_id":"%s","block_id":"b","value":"%s","type":"button","action_ts":"1700000001.000000","text":{"type":"plain_text","text":"x"}}]}
                """.formatted(user, user, user, slack.responseUrl("lh-click"), actionId, value);
        String body = form(Map.of("payload", payload));
        return http.post("/slack/events", "application/x-www-form-urlencoded", body, SlackRequestSigner.headers(body));
    }

    static String form(Map<String, String> p) {
        return p.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    }

    static String hmac(String key, String body) {
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return java.util.HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
