package com.referralloop.crm.hubspot;

import static org.assertj.core.api.Assertions.assertThat;

import com.referralloop.audit.AuditEntry;
import com.referralloop.referral.Referral;
import com.referralloop.referral.ReferralService;
import com.referralloop.referral.ReferralStatus;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import tools.jackson.databind.JsonNode;

/**
 * HubSpot in, for referrals: a referred person the bot wrote as a lead contact who becomes a customer (with the
 * recent deal amount) or is disqualified moves the referral to won or lost on the next sync, through the same
 * update a rep's command makes; only forward, once, and only for contacts the bot wrote (referred-by set).
 */
class HubSpotReferralOutcomesTest extends HubSpotWriteBackBase {

    static final String JANE = "jane@prospect.com";
    static final String JOE = "joe@other.com";

    @Autowired
    ReferralService referrals;

    @Test
    void aCustomerIsWonWithItsDealAmountAnUnqualifiedLeadLostAndNeitherMovesTwice() {
        // GIVEN Alice referred Jane and Joe in chat, both written to HubSpot as new lead contacts
        owner("referral", "log alice@acme.com referred=" + JANE + " company=Prospect");
        owner("referral", "log alice@acme.com referred=" + JOE);
        awaitWritesSent();
        assertThat(contactProps(JANE)).containsEntry("hs_lead_status", "NEW")
                .containsEntry("referral_loop_referred_by", ALICE).containsEntry("company", "Prospect")
                .doesNotContainKey("firstname");
        // AND in HubSpot Jane became a customer of a 48,000.40 deal, Joe was disqualified, and Bob (a customer
        // of Acme, referred by nobody through the bot) moved to customer too
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        HUBSPOT.changeContact(JANE, Map.of("lifecyclestage", "customer", "recent_deal_amount", "48000.40"), now);
        HUBSPOT.changeContact(JOE, Map.of("hs_lead_status", "UNQUALIFIED"), now.plusMillis(1));
        HUBSPOT.changeContact(BOB, Map.of("lifecyclestage", "customer", "recent_deal_amount", "9"), now.plusMillis(2));

        // WHEN the next sync runs
        JsonNode run = sync();

        // THEN Jane's referral is won with the deal's amount, Joe's lost, and the status counts them
        assertThat(referralOf(JANE)).satisfies(r -> {
            assertThat(r.status()).isEqualTo(ReferralStatus.WON);
            assertThat(r.value()).isEqualTo(48_000);
        });
        assertThat(referralOf(JOE).status()).isEqualTo(ReferralStatus.LOST);
        assertThat(run.path("counts").path("referralsRead").asInt()).isEqualTo(2);
        assertThat(run.path("counts").path("referralsMoved").asInt()).isEqualTo(2);
        assertThat(run.path("outcome").asString()).isEqualTo("OK");
        assertThat(run.path("outcomesMark").asString()).isEqualTo(now.plusMillis(1).toString());
        // AND the search asked only for contacts the bot wrote, changed since the mark, with the outcome properties
        assertThat(calls("POST", "/crm/v3/objects/contacts/search", c -> c.body().toString().contains("HAS_PROPERTY")))
                .singleElement().satisfies(c -> {
                    List<String> filters = new java.util.ArrayList<>();
                    c.body().path("filterGroups").path(0).path("filters").forEach(f -> filters.add(
                            f.path("propertyName").asString() + " " + f.path("operator").asString()));
                    assertThat(filters).containsExactlyInAnyOrder("referral_loop_referred_by HAS_PROPERTY",
                            "lastmodifieddate GTE");
                    assertThat(c.body().path("properties").toString()).contains("lifecyclestage").contains("hs_lead_status")
                            .contains("recent_deal_amount");
                });
        // AND the move is the rep's own update: the tree's figures, and an audit line saying the CRM did it
        assertThat(referrals.summary(ALICE).describe()).contains("1 won worth 48000");
        assertThat(audit(referralOf(JANE).id())).singleElement().satisfies(a -> {
            assertThat(a.by()).isEqualTo("crm:hubspot");
            assertThat(a.before()).isEqualTo("new");
            assertThat(a.after()).isEqualTo("won, value 48000");
        });

        // WHEN the same outcomes are read again (the mark re-reads its own millisecond) and Jane is later
        // disqualified in HubSpot
        JsonNode again = sync();
        HUBSPOT.changeContact(JANE, Map.of("hs_lead_status", "UNQUALIFIED", "lifecyclestage", "lead"), now.plusSeconds(5));
        JsonNode later = sync();

        // THEN nothing moves twice, and the won referral is not set back
        assertThat(again.path("counts").path("referralsMoved").asInt()).isZero();
        // (Joe sits on the mark, which reads "at or after": he is read again, and changes nothing)
        assertThat(later.path("counts").path("referralsRead").asInt()).isEqualTo(2);
        assertThat(later.path("counts").path("referralsMoved").asInt()).isZero();
        assertThat(referralOf(JANE).status()).isEqualTo(ReferralStatus.WON);
        assertThat(audit(referralOf(JANE).id())).hasSize(1);
        assertThat(audit(referralOf(JOE).id())).hasSize(1);
    }

    @Test
    void anAmountThatIsNoNumberIsReportedByIdAndTheOtherOutcomesStillApply() {
        // GIVEN two referred leads; HubSpot holds an amount for Jane that is no number
        owner("referral", "log alice@acme.com referred=" + JANE);
        owner("referral", "log bob@acme.com referred=" + JOE);
        awaitWritesSent();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        HUBSPOT.changeContact(JANE, Map.of("lifecyclestage", "customer", "recent_deal_amount", "lots"), now);
        HUBSPOT.changeContact(JOE, Map.of("lifecyclestage", "customer", "recent_deal_amount", "1200"), now.plusMillis(1));
        String janeId = HUBSPOT.contacts.values().stream().filter(c -> JANE.equals(c.properties().get("email")))
                .findFirst().orElseThrow().id();

        // WHEN the sync runs
        JsonNode run = sync();

        // THEN Jane's record is reported by its HubSpot id (not her address), she stays new, Joe is won, and the
        // mark stays on Jane so she is read again once HubSpot's value is fixed
        assertThat(run.path("outcome").asString()).isEqualTo("PARTIAL");
        assertThat(run.path("errors").toString()).contains(janeId).contains("recent_deal_amount is not a number")
                .doesNotContain(JANE);
        assertThat(referralOf(JANE).status()).isEqualTo(ReferralStatus.NEW);
        assertThat(referralOf(JOE)).satisfies(r -> assertThat(r.value()).isEqualTo(1200));
        assertThat(run.path("outcomesMark").asString()).isEqualTo(now.toString());

        HUBSPOT.changeContact(JANE, Map.of("recent_deal_amount", "700"), now.plusSeconds(1));
        assertThat(sync().path("outcome").asString()).isEqualTo("OK");
        assertThat(referralOf(JANE)).satisfies(r -> {
            assertThat(r.status()).isEqualTo(ReferralStatus.WON);
            assertThat(r.value()).isEqualTo(700);
        });
    }

    private JsonNode sync() {
        HttpResponse<String> r = http.post("/api/crm/sync", "application/json", "", Map.of());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        // the status answers what the run stored
        JsonNode status = JSON.readTree(http.get("/api/crm/status").body());
        JsonNode run = JSON.readTree(r.body());
        assertThat(status.path("counts")).isEqualTo(run.path("counts"));
        return run;
    }

    private Referral referralOf(String email) {
        return mongo.findOne(Query.query(Criteria.where("referredEmail").is(email)), Referral.class);
    }

    private List<AuditEntry> audit(String referralId) {
        return mongo.find(Query.query(Criteria.where("subject").is(referralId).and("action").is("REFERRAL_UPDATED")),
                AuditEntry.class);
    }
}
