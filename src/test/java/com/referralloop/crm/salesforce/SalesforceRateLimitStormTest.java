package com.referralloop.crm.salesforce;

import com.referralloop.crm.CrmRateLimitStormBase;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The rate-limit storm against the local Salesforce: ratings are Account PATCHes by the account's Salesforce id. */
class SalesforceRateLimitStormTest extends CrmRateLimitStormBase {

    static final SalesforceStub SALESFORCE = new SalesforceStub();
    static final String REP = "005S00000000000002";

    static {
        SALESFORCE.deployPackage();
    }

    @DynamicPropertySource
    static void salesforce(DynamicPropertyRegistry r) {
        SALESFORCE.connect(r);
    }

    SalesforceRateLimitStormTest() {
        super("salesforce", SALESFORCE.storm);
    }

    @AfterAll
    static void stop() {
        SALESFORCE.close();
    }

    @Override
    protected void seed(Instant modified) {
        List.of(SALESFORCE.accounts, SALESFORCE.contacts, SALESFORCE.users, SALESFORCE.leads, SALESFORCE.tasks).forEach(Map::clear);
        SALESFORCE.user(REP, REP_EMAIL, null);
        for (int i = 0; i < ACCOUNTS; i++) {
            SALESFORCE.account(accountId(i), "Account " + i, REP, modified, Map.of());
            SALESFORCE.contact(String.format("003S%014d", i), accountId(i), contactEmail(i), "First" + i, "Last", modified,
                    Map.of());
        }
    }

    @Override
    protected String accountId(int i) {
        return String.format("001S%014d", i);
    }

    @Override
    protected void addContact(String email, Instant modified) {
        SALESFORCE.contact(String.format("003N%014d", SALESFORCE.contacts.size()), accountId(0), email, "New", "Contact",
                modified, Map.of());
    }

    @Override
    protected String ratingCall(String accountId) {
        return "PATCH /services/data/" + SalesforceStub.VERSION + "/sobjects/Account/" + accountId;
    }

    @Override
    protected Object ratingAt(String accountId) {
        return SALESFORCE.accounts.get(accountId).get("Referral_Loop_Rating__c");
    }
}
