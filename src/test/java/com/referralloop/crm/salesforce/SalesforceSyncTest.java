package com.referralloop.crm.salesforce;

import static org.assertj.core.api.Assertions.assertThat;

import com.referralloop.account.AccountService;
import com.referralloop.chat.ChatUser;
import com.referralloop.chat.Platform;
import com.referralloop.chat.outbox.OutboxMessage;
import com.referralloop.chat.outbox.OutboxState;
import com.referralloop.command.ChatCommand;
import com.referralloop.command.CommandRouter;
import com.referralloop.crm.CrmConnector;
import com.referralloop.crm.CrmWrite;
import com.referralloop.support.Http;
import com.referralloop.support.IntegrationTest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
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
 * Salesforce in and out against a local Salesforce answering in its documented shapes: a full sync over
 * several query pages, an incremental one from the mark, deleted and merged contacts, each
 * write kind, 429 and 503 with Retry-After, an expired session, a revoked client, the API usage throttle.
 */
@IntegrationTest
@org.junit.jupiter.api.extension.ExtendWith(org.springframework.boot.test.system.OutputCaptureExtension.class)
class SalesforceSyncTest {

    static final SalesforceStub SALESFORCE = new SalesforceStub();
    static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");
    static final String MANAGER = "005S00000000000001";
    static final String REP = "005S00000000000002";

    static {
        SALESFORCE.deployPackage();
        SALESFORCE.user(MANAGER, "boss@vendor.com", null);
        SALESFORCE.user(REP, "rep@vendor.com", MANAGER);
    }

    @DynamicPropertySource
    static void salesforce(DynamicPropertyRegistry r) {
        SALESFORCE.connect(r);
        r.add("referral.crm.salesforce.api-usage-pause", () -> "1s");
    }

    @AfterAll
    static void stop() {
        SALESFORCE.close();
    }

    @AfterEach
    void restore() {
        SALESFORCE.clientEnabled = true;
        SALESFORCE.apiUsed.set(0);
        SALESFORCE.faults.clear();
    }

    @LocalServerPort
    int port;
    @Autowired
    AccountService accounts;
    @Autowired
    CommandRouter router;
    @Autowired
    MongoTemplate mongo;
    @Autowired
    CrmConnector crm;

    static String id(String prefix, int i) {
        return prefix + String.format("%014d", i);
    }

    @Test
    void fullSyncPagesThroughEveryAccountThenIncrementalReadsOnlyChangesAndRemovals() {
        // GIVEN 2,500 accounts (two query pages) owned by a rep with a manager, 300 contacts, one contact whose
        // Slack id field holds a number, one of no account, and a duplicate of contact 8 (5,000 accounts over
        // three pages: SalesforceFullSyncTest)
        Instant t0 = Instant.now().minus(Duration.ofHours(3)).truncatedTo(ChronoUnit.SECONDS);
        for (int i = 0; i < 2500; i++) {
            SALESFORCE.account(id("001S", i), "Account " + i, REP, t0.plusSeconds(i), i == 0 ? Map.of("Slack_Channel__c", "C0CSROOM") : Map.of());
        }
        for (int i = 0; i < 300; i++) {
            SALESFORCE.contact(id("003S", i), id("001S", i), "person" + i + "@company" + i + ".com", "First" + i, "Last",
                    t0.plusSeconds(i), i == 0 ? Map.of("Slack_User_Id__c", "U0PERSON0") : Map.of());
        }
        SALESFORCE.contact(id("003B", 1), id("001S", 1), "bad@company1.com", "Bad", "Record", t0.plusSeconds(5),
                Map.of("Slack_User_Id__c", 12345));
        SALESFORCE.contact(id("003N", 1), null, "nobody@nowhere.com", "No", "Account", t0.plusSeconds(6), Map.of());
        SALESFORCE.contact(id("003D", 8), id("001S", 8), "person8@company8.com", "Dupe", "Eight", t0.plusSeconds(8), Map.of());
        Http http = new Http(port);

        // WHEN a sync runs now
        HttpResponse<String> first = http.post("/api/crm/sync", "application/json", "", Map.of());

        // THEN every account is stored with its owner and the owner's manager, contacts with their mapped fields
        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        assertThat(accounts.find(id("001S", 0))).hasValueSatisfying(a -> {
            assertThat(a.name()).isEqualTo("Account 0");
            assertThat(a.owner().email()).isEqualTo("rep@vendor.com");
            assertThat(a.owner().managerEmail()).isEqualTo("boss@vendor.com");
            assertThat(a.csChannel()).isEqualTo("C0CSROOM");
        });
        assertThat(accounts.find(id("001S", 2499))).isPresent();
        assertThat(accounts.contactByEmail("person0@company0.com")).hasValueSatisfying(c -> {
            assertThat(c.name()).isEqualTo("First0 Last");
            assertThat(c.slackUserId()).isEqualTo("U0PERSON0");
        });
        assertThat(accounts.contactsOf(id("001S", 299))).extracting(c -> c.email()).containsExactly("person299@company299.com");
        JsonNode run = SalesforceStub.JSON.readTree(first.body());
        assertThat(run.path("counts").path("accountsRead").asInt()).isGreaterThanOrEqualTo(2500);
        assertThat(run.path("counts").path("contactsRead").asInt()).isGreaterThanOrEqualTo(303);
        // AND the bad record is reported by id and the rest went on; no token, no secret in the answer
        assertThat(first.body()).contains(id("003B", 1)).contains("Slack_User_Id__c holds a number")
                .doesNotContain(SalesforceStub.CLIENT_SECRET).doesNotContain("00DSTUB!");
        // AND the accounts came in one query with no WHERE, then a nextRecordsUrl page
        List<SalesforceStub.Call> accountQueries = accountQueries();
        int queriesBefore = accountQueries.size();
        assertThat(accountQueries.get(queriesBefore - 1).soql()).doesNotContain("WHERE").contains("Owner.Manager.Email");
        assertThat(SALESFORCE.calls("GET", "/query/01gSTUB")).isNotEmpty();

        // WHEN an account is renamed, a contact deleted, one merged into another person, the duplicate merged
        // into the contact of the same address, and another sync runs
        Instant now = Instant.now();
        SALESFORCE.account(id("001S", 7), "Account Seven Renamed", REP, now, Map.of());
        SALESFORCE.deleteContact(id("003S", 5), null, now);
        SALESFORCE.deleteContact(id("003S", 6), id("003S", 7), now);
        SALESFORCE.deleteContact(id("003D", 8), id("003S", 8), now);
        HttpResponse<String> second = http.post("/api/crm/sync", "application/json", "", Map.of());

        // THEN only what changed since the mark is read, and the removals are applied
        assertThat(second.statusCode()).as(second.body()).isEqualTo(200);
        assertThat(accounts.find(id("001S", 7))).hasValueSatisfying(a -> assertThat(a.name()).isEqualTo("Account Seven Renamed"));
        Instant mark = Instant.parse(run.path("accountsMark").asString()).truncatedTo(ChronoUnit.SECONDS);
        assertThat(accountQueries()).hasSize(queriesBefore + 1);
        assertThat(accountQueries().get(queriesBefore).soql()).contains("WHERE SystemModstamp >= " + mark);
        assertThat(SalesforceStub.JSON.readTree(second.body()).path("counts").path("accountsRead").asInt()).isBetween(1, 5);
        assertThat(accounts.contactByEmail("person5@company5.com")).isEmpty();
        assertThat(accounts.contactByEmail("person6@company6.com")).isEmpty();
        assertThat(accounts.contactByEmail("person8@company8.com")).isPresent();
        assertThat(SALESFORCE.calls("GET", "/queryAll")).last().satisfies(c -> assertThat(c.soql()).contains("IsDeleted = true"));
    }

    @Test
    void whatTheOwnerRecordsInChatIsWrittenBackAndRateLimitsWait() {
        // GIVEN Wayne with Bruce twice in Salesforce (a duplicate), and in the bot (imported: the sync marks stay)
        String wayne = id("001W", 1);
        SALESFORCE.account(wayne, "Wayne", REP, T0, Map.of());
        SALESFORCE.contact(id("003W", 1), wayne, "bruce@wayne.com", "Bruce", "Wayne", T0, Map.of());
        SALESFORCE.contact(id("003W", 2), wayne, "Bruce@Wayne.com", "Bruce", "Wayne (old)", T0.minusSeconds(60), Map.of());
        importAccount(wayne, "bruce@wayne.com");
        // AND Salesforce answers the next two calls with 429 and 503, each with Retry-After 1
        SALESFORCE.faults.add(429);
        SALESFORCE.faults.add(503);
        int composites = SALESFORCE.calls("POST", "/composite").size();

        // WHEN the owner records consent, a rating and a referral in chat
        chat("referral", "consent bruce@wayne.com level=active expires=2099-01-31");
        chat("referral", "rate " + wayne + " A");
        chat("referral", "log bruce@wayne.com referred=jane@prospect.com company=Prospect");

        // THEN all three are delivered: both copies of Bruce in one composite plus one collection call
        List<String> subjects = List.of("crm:bruce@wayne.com", "crm:" + wayne, "crm:jane@prospect.com");
        awaitWrites(subjects, 3);
        for (String bruce : List.of(id("003W", 1), id("003W", 2))) {
            assertThat(SALESFORCE.contacts.get(bruce).fields()).containsEntry("Referral_Loop_Consent_Level__c", "active")
                    .containsEntry("Referral_Loop_Consent_Scopes__c", "logo;quote;call")
                    .containsEntry("Referral_Loop_Consent_Expires__c", "2099-01-31");
        }
        // (the lookup by email and the PATCH travel together: no query of its own, whichever call met the 429)
        assertThat(SALESFORCE.calls("POST", "/composite").subList(composites, SALESFORCE.calls("POST", "/composite").size()))
                .isNotEmpty().allSatisfy(c -> {
                    assertThat(c.body().path("allOrNone").asBoolean(true)).isFalse();
                    assertThat(c.body().path("compositeRequest").path(0).path("url").asString()).contains("/query?q=");
                    assertThat(c.body().path("compositeRequest").path(1).path("url").asString())
                            .endsWith("/sobjects/Contact/@{found.records[0].Id}");
                });
        assertThat(SALESFORCE.calls("GET", "/query")).noneMatch(c -> c.soql() != null && c.soql().contains("WHERE Email"));
        assertThat(SALESFORCE.calls("PATCH", "/composite/sobjects")).isNotEmpty();
        assertThat(SALESFORCE.accounts.get(wayne).fields()).containsEntry("Referral_Loop_Rating__c", "A");
        assertThat(SALESFORCE.leads.values()).anySatisfy(l -> assertThat(l.fields()).containsEntry("Email", "jane@prospect.com")
                .containsEntry("LeadSource", "Customer Referral").containsEntry("Company", "Prospect")
                .containsEntry("LastName", "jane").containsEntry("Referral_Loop_Referred_By__c", "bruce@wayne.com"));
        // AND the rate-limited calls waited instead of failing
        assertThat(writesAbout(subjects).stream().mapToInt(OutboxMessage::throttled).sum())
                .isGreaterThanOrEqualTo(2);

        // WHEN consent is withdrawn THEN the level says so and the scopes are cleared (a JSON null clears)
        chat("referral", "withdraw bruce@wayne.com reason=\"asked us to stop\"");
        await(() -> "withdrawn".equals(SALESFORCE.contacts.get(id("003W", 2)).fields().get("Referral_Loop_Consent_Level__c")));
        assertThat(SALESFORCE.contacts.get(id("003W", 1)).fields()).containsEntry("Referral_Loop_Consent_Scopes__c", null)
                .containsKey("Referral_Loop_Consent_Withdrawn__c");

        // WHEN a won deal is written as a note THEN it is a completed Task on the account
        String taskId = crm.write(new CrmWrite(CrmWrite.Kind.NOTE, wayne, Map.of(),
                "Reference-influenced deal won: Gotham Bank (deal D-9), 120,000. Request R1 by Rita."));
        assertThat(SALESFORCE.tasks.get(taskId).fields()).containsEntry("WhatId", wayne).containsEntry("Status", "Completed")
                .containsEntry("Subject", "Referral Loop: Reference-influenced deal won")
                .containsEntry("Description", "Reference-influenced deal won: Gotham Bank (deal D-9), 120,000. Request R1 by Rita.");
    }

    @Test
    void anExpiredSessionIsRenewedOnceAndARevokedClientTurnsHealthDownUntilItWorksAgain(
            org.springframework.boot.test.system.CapturedOutput output) {
        String acme = id("001A", 1);
        SALESFORCE.account(acme, "Acme", REP, T0, Map.of());
        importAccount(acme, "wile@acme.com");
        crm.write(new CrmWrite(CrmWrite.Kind.ACCOUNT, acme, Map.of("RATING", "B"), null));

        // WHEN every session ends (the token expired) THEN the next call logs in again and goes through
        SALESFORCE.endSessions();
        int logins = SALESFORCE.logins.get();
        crm.write(new CrmWrite(CrmWrite.Kind.ACCOUNT, acme, Map.of("RATING", "1"), null));
        assertThat(SALESFORCE.logins.get()).isEqualTo(logins + 1);
        assertThat(SALESFORCE.accounts.get(acme).fields()).containsEntry("Referral_Loop_Rating__c", "1");

        // WHEN the admin revokes the app (sessions end, client credentials refused) and the owner rates in chat
        SALESFORCE.endSessions();
        SALESFORCE.clientEnabled = false;
        chat("referral", "rate " + acme + " C");
        // THEN the write waits in the outbox (not dead) and the crm health is DOWN; chat still answered
        await(() -> writes("^crm-write:salesforce:rating:" + acme).stream()
                .anyMatch(m -> m.throttled() >= 2 && m.state() == OutboxState.PENDING));
        assertThat(crmHealth()).isEqualTo("DOWN");
        // WHEN the client works again THEN the write goes out and health is UP
        SALESFORCE.clientEnabled = true;
        await(() -> "C".equals(SALESFORCE.accounts.get(acme).fields().get("Referral_Loop_Rating__c")));
        await(() -> "UP".equals(crmHealth()));
        // AND no log line holds the client secret or a session the org handed out, the refusals' included
        assertThat(output.getAll()).contains("salesforce").doesNotContain(SalesforceStub.CLIENT_SECRET)
                .doesNotContain("00DSTUB!");
    }

    @Test
    void pastTheApiUsageShareCallsStopUntilTheUsageDrops() {
        String stark = id("001K", 1);
        SALESFORCE.account(stark, "Stark", REP, T0, Map.of());
        importAccount(stark, "tony@stark.com");
        // GIVEN Salesforce reports 96% of the daily API requests used on its next answer
        SALESFORCE.apiMax = 10_000;
        SALESFORCE.apiUsed.set(9_600);
        crm.write(new CrmWrite(CrmWrite.Kind.ACCOUNT, stark, Map.of("RATING", "B"), null));
        long served = SALESFORCE.apiUsed.get();

        // WHEN the owner rates the account in chat
        chat("referral", "rate " + stark + " A");
        // THEN the write waits without calling Salesforce
        await(() -> writes("^crm-write:salesforce:rating:" + stark).stream().anyMatch(m -> m.throttled() >= 1));
        assertThat(SALESFORCE.apiUsed.get()).isEqualTo(served);
        assertThat(SALESFORCE.accounts.get(stark).fields()).containsEntry("Referral_Loop_Rating__c", "B");
        // WHEN the usage drops THEN, after the pause, one call looks and the write goes out
        SALESFORCE.apiUsed.set(10);
        await(() -> "A".equals(SALESFORCE.accounts.get(stark).fields().get("Referral_Loop_Rating__c")));
    }

    @Test
    void setupSaysToDeployThePackageWhileWrittenFieldsAreMissing() {
        Http http = new Http(port);
        SALESFORCE.describe.get("Contact").remove("Referral_Loop_NPS_Score__c");
        try {
            HttpResponse<String> missing = http.post("/api/crm/setup", "application/json", "", Map.of());
            assertThat(missing.statusCode()).isEqualTo(409);
            assertThat(missing.body()).contains("Contact.Referral_Loop_NPS_Score__c").contains("manifests/salesforce")
                    .contains("\"created\":[]");
        } finally {
            SALESFORCE.describe.get("Contact").add("Referral_Loop_NPS_Score__c");
        }
        HttpResponse<String> ok = http.post("/api/crm/setup", "application/json", "", Map.of());
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
    }

    private void importAccount(String accountId, String contactEmail) {
        HttpResponse<String> r = new Http(port).post("/api/accounts/import", "text/csv",
                "account_id,account_name,owner_email,contact_email,contact_name\n" + accountId + ",Imported,rep@vendor.com,"
                        + contactEmail + ",Someone\n", Map.of());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }

    private void chat(String command, String text) {
        ChatUser rep = new ChatUser(Platform.WEB, "rep@vendor.com", "Rita", "rep@vendor.com");
        assertThat(router.handle(new ChatCommand(command, text, rep)).error()).as(text).isFalse();
    }

    private List<SalesforceStub.Call> accountQueries() {
        return SALESFORCE.calls("GET", "/query").stream().filter(c -> c.soql() != null && c.soql().contains("FROM Account")).toList();
    }

    private String crmHealth() {
        return SalesforceStub.JSON.readTree(new Http(port).get("/actuator/health").body()).path("components").path("crm")
                .path("status").asString();
    }

    private List<OutboxMessage> writes(String dedupeRegex) {
        return mongo.find(Query.query(Criteria.where("dedupeKey").regex(dedupeRegex)), OutboxMessage.class);
    }

    private List<OutboxMessage> writesAbout(List<String> subjects) {
        return mongo.find(Query.query(Criteria.where("dedupeKey").regex("^crm-write:salesforce:").and("subjectId").in(subjects)),
                OutboxMessage.class);
    }

    private void awaitWrites(List<String> subjects, int count) {
        try {
            await(() -> writesAbout(subjects).size() == count
                    && writesAbout(subjects).stream().allMatch(m -> m.state() == OutboxState.SENT));
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("CRM writes in the outbox: " + writesAbout(subjects), e);
        }
    }

    private static void await(Callable<Boolean> condition) {
        Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).until(condition);
    }
}
