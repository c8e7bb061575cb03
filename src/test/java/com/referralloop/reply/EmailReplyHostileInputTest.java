package com.referralloop.reply;

import static org.assertj.core.api.Assertions.assertThat;

import com.referralloop.followup.FollowUp;
import com.referralloop.sla.SlaFixtures;
import com.referralloop.support.Http;
import com.referralloop.support.MutableClock;
import com.referralloop.support.TimedTest;
import com.referralloop.support.WebhookSigner;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;

/** Email replies carrying MongoDB operators, dotted keys, unicode and emoji are kept as text, never executed. */
@TimedTest
class EmailReplyHostileInputTest {

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

    @BeforeEach
    void setUp() {
        clock.set(Instant.now().truncatedTo(ChronoUnit.MILLIS));
        SlaFixtures.clean(mongo);
        http = new Http(port);
        fx = new SlaFixtures(http, mongo);
        fx.importAccounts();
    }

    HttpResponse<String> post(Map<String, String> fields) {
        String body = EmailReplyWebhookTest.form(fields);
        return http.post("/webhooks/email-reply", "application/x-www-form-urlencoded", body,
                WebhookSigner.headers(EmailReplyWebhookTest.SECRET, body, Instant.now()));
    }

    @Test
    void operatorKeysAndOperatorValuesAreTextAndTouchNothing() {
        // GIVEN Alice's open follow-up
        FollowUp alice = fx.answer("inj-1", 10, "alice@acme.com");

        // WHEN replies arrive whose fields and values look like MongoDB operators
        Map<String, String> fields = new LinkedHashMap<>(EmailReplyWebhookTest.fields("{\"$ne\":null}", "{\"$gt\":\"\"}",
                "{\"$set\":{\"state\":\"CLOSED\"}}", "{\"$where\":\"sleep(1000)\"}"));
        fields.put("$where", "1 == 1");
        fields.put("headers.$set", "x");
        fields.put("a.b", "c");
        HttpResponse<String> operators = post(fields);
        HttpResponse<String> realToken = post(EmailReplyWebhookTest.fields("alice@acme.com",
                tokens.replyAddress(alice.id()).orElseThrow(), "Re: {\"$set\":{\"outcome\":\"DECLINED\"}}",
                "{\"$unset\":{\"replies\":1}} Génial 🚀 — 日本語 👍🏽"));

        // THEN neither is a server error; the operator-only one is kept unmatched, with its text as sent
        assertThat(List.of(operators.statusCode(), realToken.statusCode())).allSatisfy(s -> assertThat(s).isBetween(200, 499));
        assertThat(mongo.findAll(UnmatchedReply.class)).singleElement()
                .satisfies(u -> assertThat(u.text()).isEqualTo("{\"$where\":\"sleep(1000)\"}"));
        // AND Alice's follow-up keeps its state, and her reply is stored word for word, emoji included
        FollowUp after = fx.reload(alice.id());
        assertThat(after.state()).isEqualTo(alice.state());
        assertThat(after.outcome()).isNull();
        assertThat(after.replies()).singleElement().satisfies(r ->
                assertThat(r.text()).isEqualTo("{\"$unset\":{\"replies\":1}} Génial 🚀 — 日本語 👍🏽"));
        assertThat(mongo.count(new Query(), FollowUp.class)).isEqualTo(1);
    }
}
