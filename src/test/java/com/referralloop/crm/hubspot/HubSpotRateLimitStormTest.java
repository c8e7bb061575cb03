package com.referralloop.crm.hubspot;

import static org.assertj.core.api.Assertions.assertThat;

import com.referralloop.crm.CrmRateLimitStormBase;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The rate-limit storm against the local HubSpot: ratings are company PATCHes by the company's HubSpot id. */
class HubSpotRateLimitStormTest extends CrmRateLimitStormBase {

    static final HubSpotStub HUBSPOT = new HubSpotStub();

    @DynamicPropertySource
    static void hubspot(DynamicPropertyRegistry r) {
        HUBSPOT.connect(r);
    }

    HubSpotRateLimitStormTest() {
        super("hubspot", HUBSPOT.storm);
    }

    @AfterAll
    static void stop() {
        HUBSPOT.close();
    }

    @Override
    protected void seed(Instant modified) {
        HUBSPOT.reset();
        HUBSPOT.owners.put("77", REP_EMAIL);
        for (int i = 0; i < ACCOUNTS; i++) {
            HUBSPOT.company(accountId(i), "Company " + i, "77", modified, Map.of());
            HUBSPOT.contact(Integer.toString(30_000 + i), contactEmail(i), "First" + i, "Last", accountId(i), modified, Map.of());
        }
    }

    @Override
    protected String accountId(int i) {
        return Integer.toString(20_000 + i);
    }

    @Override
    protected void addContact(String email, Instant modified) {
        HUBSPOT.contact(Integer.toString(40_000 + HUBSPOT.contacts.size()), email, "New", "Contact", accountId(0), modified,
                Map.of());
    }

    @Override
    protected String ratingCall(String accountId) {
        return "PATCH /crm/v3/objects/companies/" + accountId;
    }

    @Override
    protected Object ratingAt(String accountId) {
        return HUBSPOT.companies.get(accountId).properties().get("referral_loop_rating");
    }

    @Override
    protected void setUpFields() {
        assertThat(http().post("/api/crm/setup", "application/json", "", Map.of()).statusCode())
                .isEqualTo(200);
    }
}
