package com.referralloop.crm.salesforce;

import static org.assertj.core.api.Assertions.assertThat;

import com.referralloop.audit.AuditEntry;
import com.referralloop.chat.outbox.OutboxMessage;
import com.referralloop.chat.outbox.OutboxState;
import com.referralloop.command.ChatReply;
import com.referralloop.command.CommandRouter;
import com.referralloop.referral.ProgramFixture;
import com.referralloop.referral.Referral;
import com.referralloop.referral.ReferralService;
import com.referralloop.referral.ReferralStatus;
import com.referralloop.support.Http;
import com.referralloop.support.IntegrationTest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Salesforce in, for referrals (the twin of HubSpotReferralOutcomesTest): a referral logged in chat becomes a
 * Lead at the local Salesforce; a rep converts it, and the next sync moves the referral to won (with the
 * opportunity's amount), lost or qualified, through the same update a rep's command makes; only forward, once,
 * and only for leads the bot wrote (LeadSource "Customer Referral").
 */
@IntegrationTest
class SalesforceReferralOutcomesTest {

    static final SalesforceStub SALESFORCE = new SalesforceStub();
    static final String REP = "005S00000000000002";
    static final String ACME = "001S00000000000001";
    static final String ALICE = "alice@acme.com";
    static final String JANE = "jane@prospect.com";
    static final String JOE = "joe@other.com";
    static final String KIM = "kim@third.com";

    static {
        SALESFORCE.deployPackage();
        SALESFORCE.user(REP, "rep@vendor.com", null);
    }

    @DynamicPropertySource
    static void salesforce(DynamicPropertyRegistry r) {
        SALESFORCE.connect(r);
    }

    @AfterAll
    static void stop() {
        SALESFORCE.close();
    }

    @LocalServerPort
    int port;
    @Autowired
    MongoTemplate mongo;
    @Autowired
    CommandRouter router;
    @Autowired
    ReferralService referrals;

    Http http;

    /** An empty store and a Salesforce holding Acme (owned by the rep) with Alice and Bob, brought in by a sync. */
    @BeforeEach
    void connectedOrg() {
        ProgramFixture.clean(mongo);
        List.of(SALESFORCE.accounts, SALESFORCE.contacts, SALESFORCE.leads, SALESFORCE.opportunities, SALESFORCE.tasks)
                .forEach(Map::clear);
        http = new Http(port);
        Instant t = Instant.parse("2026-10-01T00:00:00Z");
        SALESFORCE.account(ACME, "Acme", REP, t, Map.of());
        SALESFORCE.contact("003S00000000000001", ACME, ALICE, "Alice", "Smith", t, Map.of());
        SALESFORCE.contact("003S00000000000002", ACME, "bob@acme.com", "Bob", "Jones", t, Map.of());
        assertThat(sync().path("outcome").asString()).isEqualTo("OK");
        SALESFORCE.calls.clear();
    }

    @Test
    void aWonOpportunityIsWonWithItsAmountALostOneLostAnOpenOneQualifiedAndNoneMovesTwice() {
        // GIVEN Alice referred Jane, Joe and Kim in chat, each written to Salesforce as a Customer Referral lead
        owner("log " + ALICE + " referred=" + JANE + " company=Prospect");
        owner("log " + ALICE + " referred=" + JOE);
        owner("log " + ALICE + " referred=" + KIM);
        awaitLeads(3);
        assertThat(lead(JANE)).containsEntry("LeadSource", "Customer Referral").containsEntry("Company", "Prospect")
                .containsEntry("Referral_Loop_Referred_By__c", ALICE);
        // AND in Salesforce the rep converted all three: Jane's opportunity won at 48,000.40, Joe's lost, Kim's open;
        // AND a lead the bot never wrote (another source), converted and won, with Alice's address
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        String janesDeal = SALESFORCE.convertLead(JANE, now);
        SALESFORCE.closeOpportunity(janesDeal, true, 48_000.40, now.plusMillis(1));
        SALESFORCE.closeOpportunity(SALESFORCE.convertLead(JOE, now), false, null, now.plusMillis(2));
        String kimsDeal = SALESFORCE.convertLead(KIM, now.plusMillis(3));
        SALESFORCE.leads.put("00QOTHER0000001", StubRecord.of("Lead", "00QOTHER0000001", now, Map.of("Email", ALICE,
                "LeadSource", "Web", "LastName", "Smith", "Company", "Acme")));
        SALESFORCE.closeOpportunity(SALESFORCE.convertLead(ALICE, now), true, 9.0, now.plusMillis(4));

        // WHEN the next sync runs
        JsonNode run = sync();

        // THEN Jane's referral is won with the amount rounded, Joe's lost, Kim's qualified, and the status counts them
        assertThat(referralOf(JANE)).satisfies(r -> {
            assertThat(r.status()).isEqualTo(ReferralStatus.WON);
            assertThat(r.value()).isEqualTo(48_000);
        });
        assertThat(referralOf(JOE).status()).isEqualTo(ReferralStatus.LOST);
        assertThat(referralOf(KIM).status()).isEqualTo(ReferralStatus.QUALIFIED);
        assertThat(run.path("outcome").asString()).isEqualTo("OK");
        assertThat(run.path("counts").path("referralsRead").asInt()).isEqualTo(3);
        assertThat(run.path("counts").path("referralsMoved").asInt()).isEqualTo(3);
        assertThat(run.path("outcomesMark").asString()).isEqualTo(now.plusMillis(3).toString());
        // AND the query asked only for converted Customer Referral leads, from the opportunity's change time
        assertThat(SALESFORCE.calls("GET", "/query")).filteredOn(c -> c.soql() != null && c.soql().contains("FROM Lead"))
                .singleElement().satisfies(c -> assertThat(c.soql()).contains("IsConverted = true")
                        .contains("LeadSource = 'Customer Referral'").contains("ORDER BY ConvertedOpportunity.SystemModstamp"));
        // AND the move is the rep's own update: the tree's figures, and an audit line saying the CRM did it
        assertThat(referrals.summary(ALICE).describe()).contains("1 won worth 48000");
        assertThat(audit(referralOf(JANE).id())).singleElement().satisfies(a -> {
            assertThat(a.by()).isEqualTo("crm:salesforce");
            assertThat(a.before()).isEqualTo("new");
            assertThat(a.after()).isEqualTo("won, value 48000");
        });

        // WHEN the same outcomes are read again (the mark is queried in whole seconds, so its second is read again)
        JsonNode again = sync();
        // AND later Jane's opportunity is reopened and lost, and Kim's is won at 5,000
        SALESFORCE.closeOpportunity(janesDeal, false, null, now.plusSeconds(5));
        SALESFORCE.closeOpportunity(kimsDeal, true, 5_000.0, now.plusSeconds(6));
        JsonNode later = sync();

        // THEN nothing moves twice, the won referral is not set back, and the qualified one goes on to won
        assertThat(again.path("outcome").asString()).isEqualTo("OK");
        assertThat(again.path("counts").path("referralsMoved").asInt()).isZero();
        assertThat(later.path("counts").path("referralsMoved").asInt()).isEqualTo(1);
        assertThat(later.path("outcomesMark").asString()).isEqualTo(now.plusSeconds(6).toString());
        assertThat(referralOf(JANE).status()).isEqualTo(ReferralStatus.WON);
        assertThat(referralOf(KIM)).satisfies(r -> {
            assertThat(r.status()).isEqualTo(ReferralStatus.WON);
            assertThat(r.value()).isEqualTo(5_000);
        });
        assertThat(audit(referralOf(JANE).id())).hasSize(1);
        assertThat(audit(referralOf(JOE).id())).hasSize(1);
        assertThat(audit(referralOf(KIM).id())).hasSize(2);
    }

    @Test
    void anAmountThatIsNoNumberIsReportedByIdAndTheOtherOutcomesStillApply() {
        // GIVEN two referred leads, both converted and won; Salesforce answers Jane's amount as text
        owner("log " + ALICE + " referred=" + JANE);
        owner("log " + ALICE + " referred=" + JOE);
        awaitLeads(2);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        String janesDeal = SALESFORCE.convertLead(JANE, now);
        SALESFORCE.closeOpportunity(janesDeal, true, null, now);
        SALESFORCE.opportunities.get(janesDeal).fields().put("Amount", "lots");
        SALESFORCE.closeOpportunity(SALESFORCE.convertLead(JOE, now), true, 1_200.0, now.plusMillis(1));
        String janesLead = SALESFORCE.leads.values().stream().filter(l -> JANE.equals(l.get("Email"))).findFirst()
                .orElseThrow().id();

        // WHEN the sync runs
        JsonNode run = sync();

        // THEN Jane's lead is reported by its Salesforce id (not her address), she stays new, Joe is won, and the
        // mark stays on Jane so she is read again once the amount is fixed
        assertThat(run.path("outcome").asString()).isEqualTo("PARTIAL");
        assertThat(run.path("errors").toString()).contains(janesLead).contains("ConvertedOpportunity.Amount")
                .contains("not a number").doesNotContain(JANE);
        assertThat(referralOf(JANE).status()).isEqualTo(ReferralStatus.NEW);
        assertThat(referralOf(JOE)).satisfies(r -> {
            assertThat(r.status()).isEqualTo(ReferralStatus.WON);
            assertThat(r.value()).isEqualTo(1_200);
        });
        assertThat(run.path("counts").path("referralsRead").asInt()).isEqualTo(2);
        assertThat(run.path("counts").path("referralsMoved").asInt()).isEqualTo(1);
        assertThat(run.path("outcomesMark").asString()).isEqualTo(now.toString());

        // WHEN the amount is corrected in Salesforce THEN the next run is OK and Jane is won with it
        SALESFORCE.closeOpportunity(janesDeal, true, 700.0, now.plusSeconds(1));
        assertThat(sync().path("outcome").asString()).isEqualTo("OK");
        assertThat(referralOf(JANE)).satisfies(r -> {
            assertThat(r.status()).isEqualTo(ReferralStatus.WON);
            assertThat(r.value()).isEqualTo(700);
        });
    }

    private void owner(String text) {
        ChatReply reply = ProgramFixture.run(router, ProgramFixture.OWNER, "referral", text);
        assertThat(reply.error()).as(reply.text()).isFalse();
    }

    /** The run's answer, after checking that the status shows the same counts. */
    private JsonNode sync() {
        HttpResponse<String> r = http.post("/api/crm/sync", "application/json", "", Map.of());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode run = SalesforceStub.JSON.readTree(r.body());
        JsonNode status = SalesforceStub.JSON.readTree(http.get("/api/crm/status").body());
        assertThat(status.path("counts")).isEqualTo(run.path("counts"));
        return run;
    }

    /** Waits until the lead writes went out and Salesforce holds that many leads. */
    private void awaitLeads(int count) {
        Query leads = Query.query(Criteria.where("dedupeKey").regex("^crm-write:salesforce:lead:"));
        try {
            Awaitility.await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(50)).until(() -> {
                List<OutboxMessage> writes = mongo.find(leads, OutboxMessage.class);
                return writes.size() == count && writes.stream().allMatch(m -> m.state() == OutboxState.SENT);
            });
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("lead writes: " + mongo.find(leads, OutboxMessage.class), e);
        }
        assertThat(SALESFORCE.leads).hasSize(count);
    }

    private static Map<String, Object> lead(String email) {
        return SALESFORCE.leads.values().stream().filter(l -> email.equals(l.get("Email"))).findFirst().orElseThrow().fields();
    }

    private Referral referralOf(String email) {
        return mongo.findOne(Query.query(Criteria.where("referredEmail").is(email)), Referral.class);
    }

    private List<AuditEntry> audit(String referralId) {
        return mongo.find(Query.query(Criteria.where("subject").is(referralId).and("action").is("REFERRAL_UPDATED")),
                AuditEntry.class);
    }
}
