package com.referralloop.web;

import com.referralloop.command.ChatCommand;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.referralloop.account.AccountService;
import com.referralloop.chat.outbox.OutboxMessage;
import com.referralloop.chat.outbox.OutboxState;
import com.referralloop.feedback.FeedbackService;
import com.referralloop.feedback.StandardWebhookSignature;
import com.referralloop.feedback.WebhookRequest;
import com.referralloop.followup.FollowUp;
import com.referralloop.followup.FollowUpKind;
import com.referralloop.followup.FollowUpOutcome;
import com.referralloop.followup.FollowUpService;
import com.referralloop.support.IntegrationTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** Closed follow-ups and published events reach the CRM through the outbox, signed, retried and once each. */
@IntegrationTest
class CrmFeedTest {

    static final CrmServer CRM;

    static {
        try {
            CRM = new CrmServer();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @DynamicPropertySource
    static void crm(DynamicPropertyRegistry registry) {
        registry.add("referral.web.crm-webhook-url", CRM::url);
        registry.add("referral.web.crm-webhook-secret", () -> CrmChatSenderTest.SECRET);
        registry.add("referral.outbox.base-backoff", () -> "50ms");
        registry.add("referral.outbox.max-backoff", () -> "200ms");
    }

    @AfterAll
    static void stop() {
        CRM.close();
    }

    @Autowired
    MongoTemplate mongo;

    @Autowired
    AccountService accounts;

    @Autowired
    FeedbackService feedback;

    @Autowired
    FollowUpService followUps;

    @Autowired
    CrmFeed feed;

    @Autowired
    com.referralloop.command.CommandRouter router;

    @Autowired
    ObjectMapper json;

    @BeforeEach
    void seed() {
        WebSeed.clear(mongo);
        CRM.reset();
        WebSeed.load(accounts, feedback);
        await().atMost(Duration.ofSeconds(15)).until(() -> mongo.count(new Query(), FollowUp.class) == 5);
    }

    @Test
    void closedFollowUpIsSentOnceAndRetriedAfterAServerError() {
        // GIVEN the CRM fails the first delivery with 500
        CRM.answer(500, null);
        FollowUp promoter = mongo.findAll(FollowUp.class).stream()
                .filter(f -> f.kind() == FollowUpKind.PROMOTER && WebSeed.REP.equals(f.ownerEmail())).findFirst().orElseThrow();

        // WHEN the owner closes the promoter's follow-up
        followUps.close(promoter.id(), FollowUpOutcome.REFERRAL_ASKED, "intro to Initech", PlaygroundPage.userOf(WebSeed.REP));

        // THEN the outbox retries until the CRM accepts it: two requests, same webhook-id, valid signature
        await().atMost(Duration.ofSeconds(15)).until(() -> CRM.received.size() >= 2 && sent("crm:followup.closed:" + promoter.id()));
        assertThat(CRM.received).hasSize(2);
        assertThat(CRM.received.get(0).headers().get("webhook-id")).isEqualTo(CRM.received.get(1).headers().get("webhook-id"));
        CrmServer.Received last = CRM.received.get(1);
        StandardWebhookSignature.verify(new WebhookRequest(last.headers(), last.body(), "application/json"),
                CrmChatSenderTest.SECRET, Duration.ofMinutes(5), Clock.systemUTC());
        JsonNode event = json.readTree(last.body());
        assertThat(event.get("type").asString()).isEqualTo("followup.closed");
        assertThat(event.get("id").asString()).isEqualTo(promoter.id());
        assertThat(event.get("data").get("outcome").asString()).isEqualTo("referral");
        assertThat(event.get("data").get("ownerEmail").asString()).isEqualTo(WebSeed.REP);
        OutboxMessage m = mongo.findOne(Query.query(Criteria.where("dedupeKey").is("crm:followup.closed:" + promoter.id())), OutboxMessage.class);
        assertThat(m.attempts()).isEqualTo(2);
        // AND a snooze (not a close) sends nothing
        FollowUp other = mongo.findAll(FollowUp.class).stream().filter(f -> !f.id().equals(promoter.id())).findFirst().orElseThrow();
        followUps.snooze(other.id(), Instant.now().plus(Duration.ofDays(1)), PlaygroundPage.userOf(WebSeed.REP));
        assertThat(mongo.count(Query.query(Criteria.where("dedupeKey").regex("^crm:")), OutboxMessage.class)).isEqualTo(1);
    }

    @Test
    void publishedEventsAreQueuedOnceAndThrottlingIsHonoured() {
        // GIVEN the CRM asks to slow down once
        CRM.answer(429, "1");
        CrmEvent consent = new CrmEvent("consent.recorded", "C-42", Instant.parse("2026-11-25T10:00:00Z"),
                Map.of("contactEmail", "alice@acme.com", "level", "active"));

        // WHEN the referral feature publishes the same consent twice
        boolean first = feed.publish(consent);
        boolean again = feed.publish(consent);

        // THEN it is queued once, waits for Retry-After, then arrives
        assertThat(first).isTrue();
        assertThat(again).isFalse();
        await().atMost(Duration.ofSeconds(15)).until(() -> sent("crm:consent.recorded:C-42"));
        assertThat(CRM.received).hasSize(2);
        OutboxMessage m = mongo.findOne(Query.query(Criteria.where("dedupeKey").is("crm:consent.recorded:C-42")), OutboxMessage.class);
        assertThat(m.throttled()).isEqualTo(1);
        assertThat(m.attempts()).as("a throttle is not a failed attempt").isEqualTo(1);
        assertThat(Duration.between(m.createdAt(), m.sentAt())).isGreaterThanOrEqualTo(Duration.ofMillis(900));
        assertThat(json.readTree(CRM.received.get(1).body()).get("data").get("level").asString()).isEqualTo("active");
    }

    @Test
    void consentsTestimonialsAndReferralsRecordedByCommandsReachTheCrm() {
        // GIVEN the CRM accepts everything, and Acme's owner works in the playground
        var owner = PlaygroundPage.userOf(WebSeed.REP);

        // WHEN they record a consent, approve a testimonial and log a referral with the chat commands
        assertThat(router.handle(new ChatCommand("referral", "consent alice@acme.com level=active scope=quote,call", owner)).error()).isFalse();
        assertThat(router.handle(new ChatCommand("testimonial", "add alice@acme.com \"They simply deliver\"", owner)).error()).isFalse();
        assertThat(router.handle(new ChatCommand("referral", "log alice@acme.com referred=\"Pat Jones\" company=Hooli", owner)).error()).isFalse();

        // THEN each fact arrives at the CRM as its own signed event
        await().atMost(Duration.ofSeconds(15)).until(() -> types().containsAll(
                java.util.List.of("consent.recorded", "testimonial.requested", "referral.logged")));
        JsonNode consent = CRM.received.stream().map(r -> json.readTree(r.body()))
                .filter(e -> e.get("type").asString().equals("consent.recorded")).findFirst().orElseThrow();
        assertThat(consent.get("data").get("level").asString()).isEqualTo("active");
        assertThat(consent.get("data").get("contactEmail").asString()).isEqualTo("alice@acme.com");
        CRM.received.forEach(r -> StandardWebhookSignature.verify(new WebhookRequest(r.headers(), r.body(), "application/json"),
                CrmChatSenderTest.SECRET, Duration.ofMinutes(5), Clock.systemUTC()));
    }

    @Test
    void everyStepOfAReferenceRequestReachesTheCrmOnce() {
        // GIVEN a referenceable Alice at Acme and a seller who owns no account
        var owner = PlaygroundPage.userOf(WebSeed.REP);
        var seller = new com.referralloop.chat.ChatUser(com.referralloop.chat.Platform.WEB, "sam", "Sam Seller", "sam@vendor.com");
        assertThat(router.handle(new ChatCommand("referral", "consent alice@acme.com level=active", owner)).error()).isFalse();
        assertThat(router.handle(new ChatCommand("reference", "project add A-1 \"CRM migration\" strengths=migration", owner)).error()).isFalse();
        String project = mongo.findOne(Query.query(Criteria.where("accountId").is("A-1")),
                com.referralloop.reference.ReferenceProject.class).id();
        String handle = project + "." + com.referralloop.request.ReferenceHandle.codeOf("alice@acme.com");

        // WHEN the seller requests her for a deal and the owner approves
        var asked = router.handle(new ChatCommand("reference", "request " + handle + " for=Hooli deal=D-9 amount=30k", seller));
        assertThat(asked.error()).as(asked.text()).isFalse();
        String id = mongo.findAll(com.referralloop.request.ReferenceRequest.class).get(0).id();
        assertThat(router.handle(new ChatCommand("reference", "approve " + id, owner)).error()).isFalse();

        // THEN the CRM gets one signed event per step, named by the state, with the deal and where it came from
        await().atMost(Duration.ofSeconds(15)).until(() -> types().containsAll(
                java.util.List.of("reference-request.requested", "reference-request.approved")));
        JsonNode approved = CRM.received.stream().map(r -> json.readTree(r.body()))
                .filter(e -> e.get("type").asString().equals("reference-request.approved")).findFirst().orElseThrow();
        assertThat(approved.get("id").asString()).isEqualTo(id + "@APPROVED");
        assertThat(approved.get("data").get("from").asString()).isEqualTo("requested");
        assertThat(approved.get("data").get("deal").asString()).isEqualTo("D-9");
        assertThat(approved.get("data").get("amount").asLong()).isEqualTo(30_000L);
        assertThat(mongo.count(Query.query(Criteria.where("dedupeKey").regex("^crm:reference-request\\.")), OutboxMessage.class))
                .isEqualTo(2);
    }

    private java.util.Set<String> types() {
        java.util.Set<String> types = new java.util.HashSet<>();
        CRM.received.forEach(r -> types.add(json.readTree(r.body()).get("type").asString()));
        return types;
    }

    private boolean sent(String dedupeKey) {
        OutboxMessage m = mongo.findOne(Query.query(Criteria.where("dedupeKey").is(dedupeKey)), OutboxMessage.class);
        return m != null && m.state() == OutboxState.SENT;
    }
}
