package com.referralloop.crm.hubspot;

import static org.assertj.core.api.Assertions.assertThat;

import com.referralloop.account.AccountService;
import com.referralloop.crm.CrmSyncState;
import com.referralloop.support.Http;
import com.referralloop.support.IntegrationTest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Bad CRM records and a page that fails mid-sync: the rest of the sync goes on, each bad record is reported in
 * /api/crm/status by its CRM id, and the high-water mark never moves past a record that was not stored.
 */
@IntegrationTest
class HubSpotSyncFaultsTest {

    static final HubSpotStub HUBSPOT = new HubSpotStub();

    @DynamicPropertySource
    static void hubspot(DynamicPropertyRegistry r) {
        HUBSPOT.connect(r);
    }

    @AfterAll
    static void stop() {
        HUBSPOT.close();
    }

    @LocalServerPort
    int port;
    @Autowired
    AccountService accounts;
    @Autowired
    MongoTemplate mongo;

    @Test
    void badRecordsAreReportedTheRestIsStoredAndTheMarkWaitsForThem() {
        // GIVEN 150 companies (two search pages), one whose owner has no email, and contacts: two companies
        // sharing one email address, one whose Slack id field holds a number
        Instant t0 = Instant.parse("2026-11-01T00:00:00Z");
        HUBSPOT.owners.put("77", "rep@vendor.com");
        for (int i = 0; i < 150; i++) {
            HUBSPOT.company("C" + i, "Company " + i, "77", t0.plusSeconds(i), Map.of());
        }
        Instant noOwnerAt = t0.plusSeconds(10).plusMillis(500);
        HUBSPOT.company("NOOWNER", "Nobody's Ltd", "99", noOwnerAt, Map.of());
        HUBSPOT.contact("P1", "same@shared.com", "Sam", "One", "C1", t0.plusSeconds(1), Map.of());
        HUBSPOT.contact("P2", "same@shared.com", "Sam", "Two", "C2", t0.plusSeconds(2), Map.of());
        HUBSPOT.contact("P3", "typed@c3.com", "Ty", "Ped", "C3", t0.plusSeconds(3), Map.of("referral_loop_slack_user_id", 12345));
        HUBSPOT.contact("P4", "good@c4.com", "Good", "Four", "C4", t0.plusSeconds(4), Map.of());
        Http http = new Http(port);

        // WHEN a sync runs while the second page of companies fails
        HUBSPOT.failingAfter = "100";
        HttpResponse<String> failed = http.post("/api/crm/sync", "application/json", "", Map.of());

        // THEN what was read is stored, the run says it stopped, and the mark stays before the unstored records
        assertThat(failed.statusCode()).as(failed.body()).isIn(200, 502, 503);
        CrmSyncState afterFailure = state();
        assertThat(afterFailure.outcome()).isEqualTo("FAILED");
        assertThat(afterFailure.error()).contains("account");
        assertThat(accounts.find("C5")).isPresent();
        assertThat(accounts.find("C120")).isEmpty();
        assertThat(afterFailure.accountsMark()).isBeforeOrEqualTo(noOwnerAt);

        // WHEN the CRM answers again and the sync runs
        HUBSPOT.failingAfter = null;
        HttpResponse<String> second = http.post("/api/crm/sync", "application/json", "", Map.of());

        // THEN the rest is stored, each bad record is reported by its CRM id, and the mark still waits for them
        assertThat(second.statusCode()).as(second.body()).isEqualTo(200);
        assertThat(accounts.find("C149")).isPresent();
        assertThat(accounts.find("NOOWNER")).isEmpty();
        assertThat(accounts.contactsOf("C4")).extracting(c -> c.email()).containsExactly("good@c4.com");
        CrmSyncState partial = state();
        assertThat(partial.outcome()).isEqualTo("PARTIAL");
        assertThat(partial.errors()).extracting(CrmSyncState.RecordError::crmId).contains("NOOWNER", "P2", "P3");
        assertThat(partial.errors()).filteredOn(e -> e.crmId().equals("NOOWNER")).singleElement()
                .satisfies(e -> assertThat(e.problem()).contains("no owner with an email"));
        assertThat(partial.errors()).filteredOn(e -> e.crmId().equals("P2")).singleElement()
                .satisfies(e -> assertThat(e.problem()).contains("same email address"));
        assertThat(partial.errors()).filteredOn(e -> e.crmId().equals("P3")).singleElement()
                .satisfies(e -> assertThat(e.problem()).contains("referral_loop_slack_user_id").contains("not text"));
        assertThat(partial.accountsMark()).isEqualTo(noOwnerAt);
        HttpResponse<String> status = http.get("/api/crm/status");
        assertThat(status.body()).contains("NOOWNER").contains("PARTIAL").doesNotContain("same@shared.com");

        // WHEN the record is fixed in the CRM THEN the next run stores it and the mark moves on
        Instant fixedAt = t0.plusSeconds(20_000);
        HUBSPOT.owners.put("99", "owner@vendor.com");
        HUBSPOT.company("NOOWNER", "Nobody's Ltd", "99", fixedAt, Map.of());
        http.post("/api/crm/sync", "application/json", "", Map.of());
        assertThat(accounts.find("NOOWNER")).hasValueSatisfying(a -> assertThat(a.owner().email()).isEqualTo("owner@vendor.com"));
        assertThat(state().accountsMark()).isEqualTo(fixedAt);
    }

    private CrmSyncState state() {
        return mongo.findAll(CrmSyncState.class).get(0);
    }
}
