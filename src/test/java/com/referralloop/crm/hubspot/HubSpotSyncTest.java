package com.referralloop.crm.hubspot;

import static org.assertj.core.api.Assertions.assertThat;

import com.referralloop.account.AccountService;
import com.referralloop.support.Http;
import com.referralloop.support.IntegrationTest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** HubSpot in: a full sync over several search pages, then an incremental one, against a local HubSpot stub. */
@IntegrationTest
@org.junit.jupiter.api.extension.ExtendWith(org.springframework.boot.test.system.OutputCaptureExtension.class)
class HubSpotSyncTest {

    static final HubSpotStub HUBSPOT = new HubSpotStub();

    @DynamicPropertySource
    static void hubspot(DynamicPropertyRegistry r) {
        HUBSPOT.connect(r);
        r.add("referral.crm.token-retry", () -> "300ms");
    }

    @AfterAll
    static void stop() {
        HUBSPOT.close();
    }

    @LocalServerPort
    int port;

    @Autowired
    AccountService accounts;

    @Test
    void fullSyncPagesThroughEverythingThenIncrementalReadsOnlyChanges() {
        // GIVEN 250 companies (three search pages of 100), each with an owner and one contact, and one contact
        // whose email is not an email address
        Instant t0 = Instant.parse("2026-11-01T00:00:00Z");
        HUBSPOT.owners.put("77", "rep@vendor.com");
        for (int i = 0; i < 250; i++) {
            HUBSPOT.company("C" + i, "Company " + i, "77", t0.plusSeconds(i), Map.of());
            HUBSPOT.contact("P" + i, "person" + i + "@company" + i + ".com", "First" + i, "Last", "C" + i,
                    t0.plusSeconds(i), Map.of());
        }
        HUBSPOT.contact("BAD", "not-an-email", "Bad", "Record", "C1", t0.plusSeconds(5), Map.of());
        Http http = new Http(port);

        // WHEN a sync runs now
        HttpResponse<String> first = http.post("/api/crm/sync", "application/json", "", Map.of());

        // THEN every company and good contact is stored, the bad record is reported and the rest went on
        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        assertThat(accounts.find("C0")).hasValueSatisfying(a -> {
            assertThat(a.name()).isEqualTo("Company 0");
            assertThat(a.owner().email()).isEqualTo("rep@vendor.com");
        });
        assertThat(accounts.find("C249")).isPresent();
        assertThat(accounts.contactsOf("C249")).extracting(c -> c.email()).containsExactly("person249@company249.com");
        assertThat(first.body()).contains("\"accountsRead\":250").contains("BAD").doesNotContain(HubSpotStub.TOKEN);
        int searchesFirst = HUBSPOT.calls("POST", "/crm/v3/objects/companies/search").size();
        assertThat(searchesFirst).isGreaterThanOrEqualTo(3);

        // WHEN one company changes and another sync runs
        HUBSPOT.company("C7", "Company Seven Renamed", "77", t0.plusSeconds(10_000), Map.of());
        HttpResponse<String> second = http.post("/api/crm/sync", "application/json", "", Map.of());

        // THEN only the change is read, and the status shows the run
        assertThat(second.statusCode()).as(second.body()).isEqualTo(200);
        assertThat(accounts.find("C7")).hasValueSatisfying(a -> assertThat(a.name()).isEqualTo("Company Seven Renamed"));
        assertThat(HUBSPOT.calls("POST", "/crm/v3/objects/companies/search").size() - searchesFirst).isLessThanOrEqualTo(2);
        HttpResponse<String> status = http.get("/api/crm/status");
        assertThat(status.statusCode()).isEqualTo(200);
        assertThat(status.body()).contains("accountsMark").doesNotContain(HubSpotStub.TOKEN);
    }

    @Autowired
    com.referralloop.command.CommandRouter router;
    @Autowired
    org.springframework.data.mongodb.core.MongoTemplate mongo;

    @Test
    void whatTheOwnerRecordsInChatIsWrittenBackThroughTheOutboxAndARateLimitWaits(
            org.springframework.boot.test.system.CapturedOutput output) {
        // GIVEN Wayne and Bruce in HubSpot and in the bot (imported here, so the sync marks stay untouched)
        Instant old = Instant.parse("2026-10-01T00:00:00Z");
        HUBSPOT.company("W1", "Wayne", "77", old, Map.of());
        HUBSPOT.contact("PW1", "bruce@wayne.com", "Bruce", "Wayne", "W1", old, Map.of());
        Http http = new Http(port);
        try {
            assertThat(http.post("/api/accounts/import", "text/csv", """
                    account_id,account_name,owner_email,contact_email,contact_name
                    W1,Wayne,rep@vendor.com,bruce@wayne.com,Bruce Wayne
                    """, Map.of()).statusCode()).isEqualTo(200);
            assertThat(http.post("/api/crm/setup", "application/json", "", Map.of()).statusCode()).isEqualTo(200);
            var rep = new com.referralloop.chat.ChatUser(com.referralloop.chat.Platform.WEB, "rep@vendor.com", "Rita",
                    "rep@vendor.com");
            // AND HubSpot answers the next call with 429 Retry-After 1
            HUBSPOT.faults.add(429);

            // WHEN the owner records consent and a rating in chat
            assertThat(router.handle(new com.referralloop.command.ChatCommand("referral",
                    "consent bruce@wayne.com level=active expires=2099-01-31", rep)).error()).isFalse();
            assertThat(router.handle(new com.referralloop.command.ChatCommand("referral", "rate W1 A", rep)).error()).isFalse();

            // THEN both writes are delivered through the outbox: the contact by email, the company by id
            try {
                org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).until(() -> writes().size() == 2
                        && writes().stream().allMatch(m -> m.state() == com.referralloop.chat.outbox.OutboxState.SENT));
            } catch (org.awaitility.core.ConditionTimeoutException e) {
                throw new AssertionError("CRM writes in the outbox: " + writes(), e);
            }
            assertThat(HUBSPOT.contacts.get("PW1").properties()).containsEntry("referral_loop_consent_level", "active")
                    .containsEntry("referral_loop_consent_scopes", "logo;quote;call")
                    .containsEntry("referral_loop_consent_expires", "2099-01-31");
            assertThat(HUBSPOT.companies.get("W1").properties()).containsEntry("referral_loop_rating", "A");
            // AND the rate-limited one waited instead of failing; the other, when it came up before the Retry-After
            // was over, waited for it too without a call (HubSpot answered a single 429)
            assertThat(writes().stream().mapToInt(m -> m.throttled()).sum()).isBetween(1, 2);
            assertThat(HUBSPOT.storm.count(429)).isEqualTo(1);
            assertThat(writes()).allSatisfy(m -> assertThat(m.message().text()).doesNotContain(HubSpotStub.TOKEN));

            // WHEN the token is revoked and the owner withdraws the consent
            HUBSPOT.acceptedToken = "some-other-token";
            assertThat(router.handle(new com.referralloop.command.ChatCommand("referral",
                    "withdraw bruce@wayne.com reason=\"asked us to stop\"", rep)).error()).isFalse();
            // THEN the write waits in the outbox (not dead) and health says the CRM is down
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(() -> writes().stream()
                    .anyMatch(m -> m.dedupeKey().contains("consent:") && m.throttled() >= 2
                            && m.state() == com.referralloop.chat.outbox.OutboxState.PENDING));
            assertThat(HubSpotStub.JSON.readTree(http.get("/actuator/health").body()).path("components").path("crm")
                    .path("status").asString()).isEqualTo("DOWN");
            // WHEN the token works again / THEN it goes out
            HUBSPOT.acceptedToken = HubSpotStub.TOKEN;
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(() ->
                    "withdrawn".equals(HUBSPOT.contacts.get("PW1").properties().get("referral_loop_consent_level")));
            // the stub applies the PATCH before the outbox hears its answer and marks the row sent
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5)).until(() -> writes().stream()
                    .allMatch(m -> m.state() == com.referralloop.chat.outbox.OutboxState.SENT));
            // AND neither the token nor a person's email reached a log line, the refusal's included
            assertThat(output.getAll()).contains("hubspot").doesNotContain(HubSpotStub.TOKEN)
                    .doesNotContain("bruce@wayne.com");
        } finally {
            HUBSPOT.companies.remove("W1");
            HUBSPOT.contacts.remove("PW1");
        }
    }

    private java.util.List<com.referralloop.chat.outbox.OutboxMessage> writes() {
        return mongo.find(org.springframework.data.mongodb.core.query.Query.query(
                org.springframework.data.mongodb.core.query.Criteria.where("dedupeKey").regex("^crm-write:hubspot:")),
                com.referralloop.chat.outbox.OutboxMessage.class);
    }
}
