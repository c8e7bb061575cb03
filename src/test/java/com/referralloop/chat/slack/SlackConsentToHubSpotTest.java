package com.referralloop.chat.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.referralloop.account.AccountService;
import com.referralloop.crm.hubspot.HubSpotStub;
import com.referralloop.followup.FollowUp;
import com.referralloop.support.FakeSlackApi;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * End to end with Slack and HubSpot both on: a contact the CRM sync brought in answers as a promoter, the
 * owner gets the follow-up in Slack, records consent with the signed slash command, and the consent is on
 * the contact's HubSpot record within two seconds.
 */
class SlackConsentToHubSpotTest extends SlackTestBase {

    static final HubSpotStub HUBSPOT = new HubSpotStub();

    @DynamicPropertySource
    static void hubspot(DynamicPropertyRegistry r) {
        HUBSPOT.connect(r);
    }

    @AfterAll
    static void stop() {
        HUBSPOT.close();
    }

    @Autowired
    AccountService accounts;

    @Test
    void aPromoterFromTheCrmConsentsInSlackAndHubSpotHasItWithinTwoSeconds() {
        // GIVEN Initech and Ian in HubSpot, owned by the rep, brought in by a sync, with the bot's properties set up
        Instant t = Instant.parse("2026-10-01T00:00:00Z");
        HUBSPOT.owners.put("88", REP_EMAIL);
        HUBSPOT.company("3001", "Initech", "88", t, Map.of());
        HUBSPOT.contact("601", "ian@initech.com", "Ian", "Ito", "3001", t, Map.of());
        HttpResponse<String> sync = http.post("/api/crm/sync", "application/json", "", Map.of());
        assertThat(sync.statusCode()).as(sync.body()).isEqualTo(200);
        assertThat(accounts.contactsOf("3001")).extracting(c -> c.email()).containsExactly("ian@initech.com");
        assertThat(http.post("/api/crm/setup", "application/json", "", Map.of()).statusCode()).isEqualTo(200);

        // WHEN Ian answers 10 through the signed survey webhook
        feedback("e2e-1", 10, "ian@initech.com", "You made our launch");
        // THEN the owner gets the follow-up in a Slack DM
        FollowUp f = postedFollowUp("e2e-1");
        FakeSlackApi.Call dm = slack.calls("chat.postMessage").get(0);
        assertThat(dm.param("channel")).isEqualTo("D" + REP);
        assertThat(dm.param("text")).contains("Promoter").contains("10/10");
        assertThat(f.accountId()).isEqualTo("3001");

        // WHEN the owner records his consent with the signed slash command
        long before = System.nanoTime();
        HttpResponse<String> ack = command("/referral", "consent ian@initech.com level=active scope=call,logo expires=2099-06-30",
                REP);
        assertThat(ack.statusCode()).isEqualTo(200);
        assertThat(shown(ack.body())).doesNotContain("Usage:");

        // THEN HubSpot has his consent fields within two seconds, patched on his record by email
        try {
            await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(20)).until(() ->
                    "active".equals(HUBSPOT.contacts.get("601").properties().get("referral_loop_consent_level")));
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("consent not in HubSpot within 2 s; stub calls " + HUBSPOT.calls, e);
        }
        assertThat(Duration.ofNanos(System.nanoTime() - before)).isLessThan(Duration.ofSeconds(2));
        assertThat(HUBSPOT.contacts.get("601").properties()).containsEntry("referral_loop_consent_scopes", "call;logo")
                .containsEntry("referral_loop_consent_expires", "2099-06-30")
                .containsEntry("referral_loop_consent_withdrawn", "");
        List<HubSpotStub.Call> patches = HUBSPOT.calls("PATCH", "/crm/v3/objects/contacts/ian@initech.com");
        assertThat(patches).anySatisfy(c -> assertThat(c.query()).isEqualTo("idProperty=email"));
    }
}
