package com.referralloop.request;

import static com.referralloop.referral.ProgramFixture.OWNER;
import static com.referralloop.referral.ProgramFixture.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.referralloop.account.Contact;
import com.referralloop.chat.ChatField;
import com.referralloop.chat.Platform;
import com.referralloop.chat.outbox.OutboxMessage;
import com.referralloop.command.ChatReply;
import com.referralloop.command.CommandRouter;
import com.referralloop.reference.ReferenceProject;
import com.referralloop.referral.ProgramFixture;
import com.referralloop.reply.EmailReplyWebhookTest;
import com.referralloop.reply.ReplyTokens;
import com.referralloop.reply.UnmatchedReply;
import com.referralloop.support.Http;
import com.referralloop.support.MutableClock;
import com.referralloop.support.TimedTest;
import com.referralloop.support.WebhookSigner;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/** A customer who prefers email answers a reference request by replying to the question: no owner has to type it. */
@TimedTest
class RequestEmailAnswerTest {

    @LocalServerPort
    int port;
    @Autowired
    MongoTemplate mongo;
    @Autowired
    CommandRouter router;
    @Autowired
    MutableClock clock;
    @Autowired
    ReplyTokens tokens;

    Http http;
    ReferenceRequest request;

    @BeforeEach
    void setUp() {
        clock.set(Instant.now().truncatedTo(ChronoUnit.MILLIS));
        ProgramFixture.clean(mongo);
        http = new Http(port);
        ProgramFixture.seed(http);
        mongo.updateFirst(Query.query(Criteria.where("_id").is("bob@acme.com")),
                new Update().set("preferredChannel", "EMAIL"), Contact.class);
        ok(run(router, OWNER, "reference", "project add A-1 \"CRM migration\" strengths=migration industry=retail"));
        ok(run(router, OWNER, "referral", "consent bob@acme.com level=active"));
        String project = mongo.findOne(Query.query(Criteria.where("accountId").is("A-1")), ReferenceProject.class).id();
        ok(run(router, ReferenceRequestRulesTest.SELLER, "reference", "request " + project + "."
                + ReferenceHandle.codeOf("bob@acme.com") + " for=Hooli industry=insurance"));
        request = mongo.findAll(ReferenceRequest.class).get(0);
        ok(run(router, OWNER, "reference", "approve " + request.id()));
    }

    @Test
    void theEmailedQuestionCarriesATokenAndAYesIntroducesOnceEvenWhenRedelivered() {
        OutboxMessage asked = outbox("request:" + request.id() + ":ask-customer").get(0);
        String token = tokens.tokenFor(request.id());
        assertThat(asked.message().title()).contains("[ref:" + token + "]").doesNotContain("Hooli");
        assertThat(asked.message().fields()).extracting(ChatField::value)
                .contains("reply+" + token + "@replies.example.com");

        String body = form("Bob Jones <bob@acme.com>", "reply+" + token + "@replies.example.com",
                "Re: Would you help a peer?", "Yes, happy to help.\n\nOn Monday you wrote:\n> Would you be willing");
        HttpResponse<String> first = post(body);
        HttpResponse<String> retry = post(body);

        assertThat(first.statusCode()).as(first.body()).isEqualTo(202);
        assertThat(retry.statusCode()).as(retry.body()).isEqualTo(202);
        assertThat(retry.body()).contains("duplicate");
        ReferenceRequest after = mongo.findById(request.id(), ReferenceRequest.class);
        assertThat(after.state()).isEqualTo(RequestState.INTRODUCED);
        assertThat(after.events()).filteredOn(e -> e.to() == RequestState.INTRODUCED).hasSize(1)
                .allMatch(e -> e.by().equals("customer by email"));
        assertThat(outbox("request:" + request.id() + ":introduction:requester")).hasSize(1);
        assertThat(outbox("request:" + request.id() + ":introduction:owner")).isNotEmpty();
    }

    @Test
    void aNoIsTheCustomersDeclineAndAnythingElseGoesToTheOwnerToRead() {
        String token = tokens.tokenFor(request.id());
        String address = "reply+" + token + "@replies.example.com";

        post(form("bob@acme.com", address, "Re", "Who is asking? Tell me more first."));
        ReferenceRequest still = mongo.findById(request.id(), ReferenceRequest.class);
        assertThat(still.state()).isEqualTo(RequestState.APPROVED);
        assertThat(still.events()).extracting(RequestEvent::type).contains("CUSTOMER_REPLIED");
        assertThat(outbox("request:" + request.id() + ":email-reply:")).singleElement()
                .satisfies(m -> assertThat(m.message().plainText()).contains("Tell me more first")
                        .contains("/reference answer " + request.id() + " yes|no"));

        post(form("bob@acme.com", address, "Re", "No thanks, too busy this month."));
        assertThat(mongo.findById(request.id(), ReferenceRequest.class).state()).isEqualTo(RequestState.CUSTOMER_DECLINED);
        assertThat(outbox("request:" + request.id() + ":customer-no:requester")).hasSize(1);
    }

    @Test
    void aStrangerWithTheTokenIsKeptUnmatchedAndChangesNothing() {
        String address = "reply+" + tokens.tokenFor(request.id()) + "@replies.example.com";

        HttpResponse<String> r = post(form("mallory@evil.example", address, "Re", "yes"));

        assertThat(r.statusCode()).isEqualTo(202);
        assertThat(mongo.findById(request.id(), ReferenceRequest.class).state()).isEqualTo(RequestState.APPROVED);
        List<UnmatchedReply> kept = mongo.findAll(UnmatchedReply.class);
        assertThat(kept).singleElement().satisfies(u -> assertThat(u.reason()).contains("not the contact of reference request"));
        assertThat(outbox("request:" + request.id() + ":introduction")).isEmpty();
    }

    private HttpResponse<String> post(String body) {
        return http.post("/webhooks/email-reply", "application/x-www-form-urlencoded", body,
                WebhookSigner.headers(EmailReplyWebhookTest.SECRET, body, Instant.now()));
    }

    private static String form(String from, String to, String subject, String text) {
        return EmailReplyWebhookTest.form(EmailReplyWebhookTest.fields(from, to, subject, text));
    }

    private List<OutboxMessage> outbox(String keyPrefix) {
        return ReferenceRequestRulesTest.outbox(mongo, keyPrefix);
    }

    private static void ok(ChatReply r) {
        assertThat(r.error()).as(r.text()).isFalse();
    }
}
