package com.referralloop.referral;

import static com.referralloop.referral.ProgramFixture.ADMIN;
import static com.referralloop.referral.ProgramFixture.OTHER_REP;
import static com.referralloop.referral.ProgramFixture.OWNER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.referralloop.command.ActionInvocation;
import com.referralloop.command.ActionRouter;
import com.referralloop.command.ChatForm;
import com.referralloop.command.ChatReply;
import com.referralloop.followup.FollowUp;
import com.referralloop.followup.FollowUpActions;
import com.referralloop.followup.FollowUpMessages;
import com.referralloop.followup.FollowUpOutcome;
import com.referralloop.followup.FollowUpService;
import com.referralloop.followup.FollowUpState;
import com.referralloop.support.Http;
import com.referralloop.support.IntegrationTest;
import com.referralloop.support.WebhookSigner;
import com.referralloop.testimonial.Testimonial;
import com.referralloop.testimonial.TestimonialState;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

@IntegrationTest
class FollowUpFormsTest {

    @LocalServerPort
    int port;
    @Autowired
    MongoTemplate mongo;
    @Autowired
    ActionRouter actions;
    @Autowired
    FollowUpService followUps;
    @Autowired
    FollowUpMessages messages;
    @Autowired
    ConsentService consents;
    @Autowired
    AskService asks;

    Http http;

    @BeforeEach
    void setUp() {
        ProgramFixture.clean(mongo);
        http = new Http(port);
        ProgramFixture.seed(http);
    }

    private FollowUp promoter(String responseId, String email) {
        String body = """
                {"responseId":"%s","source":"nps","score":10,"comment":"Love it","email":"%s","respondedAt":"2026-11-25T10:00:00Z"}
                """.formatted(responseId, email);
        assertThat(http.post("/webhooks/feedback", "application/json", body, WebhookSigner.headers(body)).statusCode()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(10)).until(() ->
                mongo.exists(Query.query(Criteria.where("feedbackId").is("nps|" + responseId)), FollowUp.class));
        return mongo.findOne(Query.query(Criteria.where("feedbackId").is("nps|" + responseId)), FollowUp.class);
    }

    @Test
    void recordConsentButtonOpensAFormWhoseSubmissionRecordsConsentAndClosesTheFollowUp() {
        // GIVEN a promoter follow-up for Alice; the message shows her consent and her account's rating
        FollowUp f = promoter("c-1", "alice@acme.com");
        assertThat(messages.render(f).plainText()).contains("Consent").contains("none").contains("not rated");

        // WHEN the owner clicks "Record consent" and submits the form
        ChatReply open = actions.handle(new ActionInvocation(FollowUpActions.RECORD_CONSENT, f.id(), OWNER, Map.of()));
        ChatForm form = open.form();
        ChatReply done = actions.handle(new ActionInvocation(form.submitActionId(), form.value(), OWNER,
                Map.of("level", "active", "scope", "quote,call", "expires", "2099-12-31", "evidence", "reply in thread")));

        // THEN the form asked for level, scope, expiry and evidence; consent is recorded and the follow-up closed
        assertThat(form.fields()).extracting(ChatForm.Field::id).containsExactly("level", "scope", "expires", "evidence");
        assertThat(form.fields().get(1).options()).contains("logo", "review-site");
        assertThat(done.error()).as(done.text()).isFalse();
        assertThat(consents.describe("alice@acme.com")).isEqualTo("active (quote, call) until 2099-12-31");
        FollowUp closed = followUps.get(f.id());
        assertThat(closed.state()).isEqualTo(FollowUpState.CLOSED);
        assertThat(closed.outcome()).isEqualTo(FollowUpOutcome.CONSENT_RECORDED);
        assertThat(done.text()).contains("active (quote, call) until 2099-12-31");
    }

    @Test
    void consentFormRefusesMistakesStrangersAndFollowUpsWithoutContact() {
        FollowUp f = promoter("c-2", "alice@acme.com");
        ChatReply bad = actions.handle(new ActionInvocation("followup.consent.submit", f.id(), OWNER, Map.of("level", "maybe")));
        ChatReply other = actions.handle(new ActionInvocation(FollowUpActions.RECORD_CONSENT, f.id(), OTHER_REP, Map.of()));
        FollowUp anonymous = promoter("c-3", "someone@unknown.org");
        ChatReply noContact = actions.handle(new ActionInvocation(FollowUpActions.RECORD_CONSENT, anonymous.id(), ADMIN, Map.of()));

        assertThat(bad.error()).isTrue();
        assertThat(bad.text()).contains("level must be one of");
        assertThat(other.text()).contains("Only the owner of Acme");
        assertThat(noContact.text()).contains("has no known contact");
        assertThat(followUps.get(f.id()).state()).isNotEqualTo(FollowUpState.CLOSED);
        assertThat(consents.history("alice@acme.com")).isEmpty();
    }

    @Test
    void requestTestimonialButtonCreatesAPendingTestimonialAndClosesTheFollowUp() {
        FollowUp f = promoter("t-1", "bob@acme.com");
        ChatReply open = actions.handle(new ActionInvocation(FollowUpActions.REQUEST_TESTIMONIAL, f.id(), ADMIN, Map.of()));
        assertThat(open.form().fields().get(0).hint()).contains("Love it");
        ChatReply stranger = actions.handle(new ActionInvocation(open.form().submitActionId(), f.id(), OTHER_REP,
                Map.of("quote", "x")));
        ChatReply done = actions.handle(new ActionInvocation(open.form().submitActionId(), f.id(), OWNER,
                Map.of("quote", "Love it, really")));

        assertThat(stranger.text()).contains("Only the owner of Acme");
        assertThat(done.error()).as(done.text()).isFalse();
        Testimonial t = mongo.findAll(Testimonial.class).get(0);
        assertThat(t.quote()).isEqualTo("Love it, really");
        assertThat(t.state()).isEqualTo(TestimonialState.PENDING_CUSTOMER);
        assertThat(followUps.get(f.id()).outcome()).isEqualTo(FollowUpOutcome.TESTIMONIAL_REQUESTED);
    }

    @Test
    void askForReferralButtonCountsAsOneAskTowardsTheFatigueLimit() {
        FollowUp f = promoter("a-1", "alice@acme.com");
        actions.handle(new ActionInvocation(FollowUpActions.ASK_REFERRAL, f.id(), OWNER, Map.of()));
        assertThat(asks.asksThisQuarter("alice@acme.com")).isEqualTo(1);
        assertThat(asks.asksOf("alice@acme.com").get(0).source()).isEqualTo("followup:" + f.id());
    }
}
