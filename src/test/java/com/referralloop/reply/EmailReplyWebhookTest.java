package com.referralloop.reply;

import static org.assertj.core.api.Assertions.assertThat;

import com.referralloop.chat.Platform;
import com.referralloop.chat.outbox.OutboxMessage;
import com.referralloop.followup.CustomerReply;
import com.referralloop.followup.FollowUp;
import com.referralloop.sla.SlaFixtures;
import com.referralloop.support.Http;
import com.referralloop.support.MutableClock;
import com.referralloop.support.TimedTest;
import com.referralloop.support.WebhookSigner;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;

@TimedTest
public class EmailReplyWebhookTest {

    public static final String SECRET = "whsec_ZW1haWwtcmVwbHktdGVzdC1zZWNyZXQtMDEyMzQ1";

    @LocalServerPort
    int port;
    @Autowired
    MongoTemplate mongo;
    @Autowired
    MutableClock clock;
    @Autowired
    ReplyTokens tokens;

    Http http;
    SlaFixtures fx;
    FollowUp alice;

    @BeforeEach
    void setUp() {
        clock.set(Instant.now().truncatedTo(ChronoUnit.MILLIS));
        SlaFixtures.clean(mongo);
        http = new Http(port);
        fx = new SlaFixtures(http, mongo);
        fx.importAccounts();
        alice = fx.answer("e-1", 10, "alice@acme.com");
    }

    public static String form(Map<String, String> fields) {
        return fields.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    }

    public static Map<String, String> fields(String from, String to, String subject, String text) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("from", from);
        m.put("to", to);
        m.put("subject", subject);
        m.put("text", text);
        return m;
    }

    HttpResponse<String> post(String body) {
        return http.post("/webhooks/email-reply", "application/x-www-form-urlencoded", body,
                WebhookSigner.headers(SECRET, body, Instant.now()));
    }

    @Test
    void aSignedReplyToTheTokenAddressIsStoredOnItsFollowUpAndTheOwnerIsTold() {
        // GIVEN the reply-to address of Alice's follow-up
        String to = tokens.replyAddress(alice.id()).orElseThrow();
        assertThat(to).startsWith("reply+" + alice.id().toLowerCase() + "-").endsWith("@replies.example.com");

        // WHEN Alice's mail provider posts her reply (with the quoted original) and retries it
        String body = form(fields("Alice Smith <Alice@Acme.com>", "Referral Loop <" + to + ">", "Re: thanks",
                "Happy to talk to a peer next week.\n\nOn Mon, Nov 23, 2026 Referral Loop wrote:\n> Thank you"));
        HttpResponse<String> first = post(body);
        HttpResponse<String> retry = post(body);

        // THEN the reply is on the follow-up once, without the quote, and the owner is told
        assertThat(first.statusCode()).as(first.body()).isEqualTo(202);
        assertThat(first.body()).contains("\"status\":\"attached\"").contains(alice.id());
        assertThat(retry.statusCode()).isEqualTo(202);
        assertThat(retry.body()).contains("\"status\":\"duplicate\"");
        List<CustomerReply> replies = fx.reload(alice.id()).replies();
        assertThat(replies).singleElement().satisfies(r -> {
            assertThat(r.channel()).isEqualTo(Platform.EMAIL);
            assertThat(r.from()).isEqualTo("alice@acme.com");
            assertThat(r.text()).isEqualTo("Happy to talk to a peer next week.");
            assertThat(r.at()).isEqualTo(clock.instant());
        });
        List<OutboxMessage> told = fx.outbox("followup:" + alice.id() + ":reply:");
        assertThat(told).singleElement().satisfies(m -> {
            assertThat(m.target().destination()).isEqualTo("rep@vendor.com");
            assertThat(m.message().text()).isEqualTo("Happy to talk to a peer next week.");
        });
        assertThat(mongo.count(new Query(), UnmatchedReply.class)).isZero();
    }

    @Test
    void theTokenInTheSubjectWorksAndMultipartIsRead() {
        // GIVEN a multipart inbound-parse post with the token only in the subject
        String boundary = "xYzBoundary";
        String subject = "Re: Thank you [ref:" + tokens.tokenFor(alice.id()) + "]";
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"from\"\r\n\r\nalice@acme.com\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"to\"\r\n\r\nsupport@vendor.com\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"subject\"\r\n\r\n" + subject + "\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"text\"\r\n\r\nYes — glad to help ✓\r\n"
                + "--" + boundary + "--\r\n";

        // WHEN it is posted, signed
        HttpResponse<String> r = http.post("/webhooks/email-reply", "multipart/form-data; boundary=" + boundary,
                body, WebhookSigner.headers(SECRET, body, Instant.now()));

        // THEN the reply reaches Alice's follow-up, UTF-8 intact
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        assertThat(fx.reload(alice.id()).replies()).singleElement()
                .satisfies(x -> assertThat(x.text()).isEqualTo("Yes — glad to help ✓"));
    }

    @Test
    void aForgedOrStaleWebhookIsRefusedAndNothingIsStored() {
        String body = form(fields("alice@acme.com", tokens.replyAddress(alice.id()).orElseThrow(), "Re", "forged"));

        // WHEN signed with another secret, unsigned, or signed 10 minutes ago
        HttpResponse<String> wrongKey = http.post("/webhooks/email-reply", "application/x-www-form-urlencoded", body,
                WebhookSigner.headers("whsec_" + java.util.Base64.getEncoder().encodeToString("other".getBytes()), body, Instant.now()));
        HttpResponse<String> unsigned = http.post("/webhooks/email-reply", "application/x-www-form-urlencoded", body, Map.of());
        HttpResponse<String> stale = http.post("/webhooks/email-reply", "application/x-www-form-urlencoded", body,
                WebhookSigner.headers(SECRET, body, Instant.now().minus(Duration.ofMinutes(10))));

        // THEN 401 each time, and nothing is stored anywhere
        assertThat(List.of(wrongKey.statusCode(), unsigned.statusCode(), stale.statusCode())).containsOnly(401);
        assertThat(fx.reload(alice.id()).replies()).isEmpty();
        assertThat(mongo.count(new Query(), UnmatchedReply.class)).isZero();
    }

    @Test
    void anUnknownTokenOrAStrangerIsKeptFlaggedAndNeverAttached() {
        // GIVEN a guessed token, and a real token used by someone who is not Alice
        String guessed = "reply+" + alice.id().toLowerCase() + "-0123456789abcdef01234567@replies.example.com";
        String real = tokens.replyAddress(alice.id()).orElseThrow();

        // WHEN both are posted, signed
        HttpResponse<String> unknown = post(form(fields("alice@acme.com", guessed, "Re", "guessing")));
        HttpResponse<String> stranger = post(form(fields("mallory@evil.example", real, "Re", "let me in")));
        HttpResponse<String> noToken = post(form(fields("bob@acme.com", "support@vendor.com", "Hello", "no token")));

        // THEN each is accepted (202), kept in unmatched_replies and flagged, and Alice's follow-up is untouched
        assertThat(List.of(unknown.statusCode(), stranger.statusCode(), noToken.statusCode())).containsOnly(202);
        assertThat(unknown.body()).contains("\"status\":\"unmatched\"").contains("not valid");
        assertThat(stranger.body()).contains("not the follow-up's contact");
        assertThat(fx.reload(alice.id()).replies()).isEmpty();
        List<UnmatchedReply> kept = mongo.findAll(UnmatchedReply.class);
        assertThat(kept).hasSize(3).allSatisfy(u -> assertThat(u.flagged()).isTrue());
        assertThat(kept).filteredOn(u -> "mallory@evil.example".equals(u.from())).singleElement()
                .satisfies(u -> assertThat(u.followUpHint()).isEqualTo(alice.id()));
        assertThat(fx.outbox("followup:" + alice.id() + ":reply:")).isEmpty();
    }
}
