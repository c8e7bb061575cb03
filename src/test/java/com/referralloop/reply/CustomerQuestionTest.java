package com.referralloop.reply;

import static org.assertj.core.api.Assertions.assertThat;

import com.referralloop.chat.ChatAction;
import com.referralloop.chat.ChatUser;
import com.referralloop.chat.Platform;
import com.referralloop.chat.outbox.OutboxMessage;
import com.referralloop.command.ActionInvocation;
import com.referralloop.command.ActionRouter;
import com.referralloop.command.ChatCommand;
import com.referralloop.command.ChatReply;
import com.referralloop.command.CommandRouter;
import com.referralloop.followup.FollowUp;
import com.referralloop.followup.FollowUpActions;
import com.referralloop.followup.FollowUpEvent;
import com.referralloop.sla.SlaFixtures;
import com.referralloop.support.Http;
import com.referralloop.support.MutableClock;
import com.referralloop.support.TimedTest;
import com.referralloop.support.WebhookSigner;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;

@TimedTest
class CustomerQuestionTest {

    static final ChatUser REP = new ChatUser(Platform.SLACK, "U-REP", "rep", "rep@vendor.com");
    static final ChatUser BOB = new ChatUser(Platform.SLACK, "U-BOB", "Bob", null);

    @LocalServerPort
    int port;
    @Autowired
    MongoTemplate mongo;
    @Autowired
    MutableClock clock;
    @Autowired
    CommandRouter commands;
    @Autowired
    ActionRouter actions;
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

    @Test
    void theRepAsksAPromoterOnSlackAndAYesBecomesAConsentProposal() {
        // GIVEN Bob, a promoter who prefers Slack (U-BOB); Slack is not configured in this test
        FollowUp f = fx.answer("q-1", 10, "bob@acme.com");

        // WHEN the rep types /followup ask-customer, twice
        ChatReply asked = commands.handle(new ChatCommand("followup", "ask-customer " + f.id(), REP));
        ChatReply again = commands.handle(new ChatCommand("followup", "ask-customer " + f.id(), REP));

        // THEN one question with Yes / Maybe later / No went out (to the log standing in for Slack), said plainly
        assertThat(asked.error()).as(asked.text()).isFalse();
        assertThat(asked.text()).contains("bob@acme.com").contains("log");
        assertThat(again.error()).isTrue();
        assertThat(again.text()).contains("already asked");
        OutboxMessage q = fx.outbox("followup:" + f.id() + ":ask-customer").get(0);
        assertThat(q.target().platform()).isEqualTo(Platform.LOG);
        assertThat(q.target().destination()).isEqualTo("slack:U-BOB");
        assertThat(q.message().actions()).extracting(ChatAction::id)
                .containsExactly(CustomerQuestion.YES, CustomerQuestion.LATER, CustomerQuestion.NO);
        assertThat(q.message().actions()).extracting(ChatAction::value).containsOnly(f.id());

        // WHEN the rep clicks Yes on Bob's behalf THEN it is refused and nothing is recorded
        ChatReply notBob = actions.handle(new ActionInvocation(CustomerQuestion.YES, f.id(), REP, Map.of()));
        assertThat(notBob.error()).isTrue();
        assertThat(fx.reload(f.id()).replies()).isEmpty();

        // WHEN Bob clicks Yes
        ChatReply yes = actions.handle(new ActionInvocation(CustomerQuestion.YES, f.id(), BOB, Map.of()));

        // THEN his answer is stored as a reply and a consent proposal; the owner gets the Record consent button
        assertThat(yes.error()).as(yes.text()).isFalse();
        FollowUp after = fx.reload(f.id());
        assertThat(after.replies()).singleElement().satisfies(r -> assertThat(r.from()).isEqualTo("bob@acme.com"));
        assertThat(after.events()).extracting(FollowUpEvent::type).contains("CUSTOMER_ASKED", "CONSENT_PROPOSED");
        OutboxMessage proposal = fx.outbox("followup:" + f.id() + ":customer-answer:yes").get(0);
        assertThat(proposal.target().destination()).isEqualTo("rep@vendor.com");
        assertThat(proposal.message().actions()).singleElement().satisfies(a -> {
            assertThat(a.id()).isEqualTo(FollowUpActions.RECORD_CONSENT);
            assertThat(a.value()).isEqualTo(f.id());
        });
    }

    @Test
    void anEmailPromoterIsAskedByEmailAndAnsweredByReplyingYes() {
        // GIVEN Alice prefers email
        FollowUp f = fx.answer("q-2", 9, "alice@acme.com");

        // WHEN the follow-up's button asks her
        ChatReply asked = actions.handle(new ActionInvocation(CustomerQuestion.ASK, f.id(), REP, Map.of()));

        // THEN the email (delivered to the log: no SMTP sender) carries the reply token
        assertThat(asked.error()).as(asked.text()).isFalse();
        OutboxMessage q = fx.outbox("followup:" + f.id() + ":ask-customer").get(0);
        assertThat(q.target().destination()).isEqualTo("email:alice@acme.com");
        assertThat(q.message().title()).contains("[ref:" + tokens.tokenFor(f.id()) + "]");
        assertThat(q.message().actions()).isEmpty();

        // WHEN she replies "Yes" by email
        String body = EmailReplyWebhookTest.form(EmailReplyWebhookTest.fields("alice@acme.com",
                tokens.replyAddress(f.id()).orElseThrow(), "Re: " + q.message().title(), "Yes, happy to help!"));
        HttpResponse<String> r = http.post("/webhooks/email-reply", "application/x-www-form-urlencoded", body,
                WebhookSigner.headers(EmailReplyWebhookTest.SECRET, body, Instant.now()));

        // THEN it is her answer: a consent proposal for the owner, with her words as evidence
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        FollowUp after = fx.reload(f.id());
        assertThat(after.events()).extracting(FollowUpEvent::type).contains("CONSENT_PROPOSED");
        assertThat(after.replies()).singleElement().satisfies(x -> assertThat(x.text()).isEqualTo("Yes, happy to help!"));
        assertThat(fx.outbox("followup:" + f.id() + ":customer-answer:yes")).hasSize(1);
    }

    @Test
    void detractorsAndContactsWithoutAKnownChannelAreNotAsked() {
        FollowUp detractor = fx.answer("q-3", 2, "bob@acme.com");
        ChatReply refused = commands.handle(new ChatCommand("followup", "ask-customer " + detractor.id(), REP));
        ChatReply missing = commands.handle(new ChatCommand("followup", "ask-customer", REP));

        assertThat(refused.error()).isTrue();
        assertThat(refused.text()).contains("only promoters");
        assertThat(missing.error()).isTrue();
        assertThat(missing.text()).contains("Usage: /followup ask-customer <id>");
        assertThat(fx.outbox("followup:" + detractor.id() + ":ask-customer")).isEmpty();
    }
}
