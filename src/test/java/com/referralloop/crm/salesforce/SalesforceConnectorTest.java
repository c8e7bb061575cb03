package com.referralloop.crm.salesforce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.referralloop.crm.CrmAccount;
import com.referralloop.crm.CrmException;
import com.referralloop.crm.CrmPage;
import com.referralloop.crm.CrmProperties;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** The Salesforce port alone over real HTTP: 5,000 accounts paged by nextRecordsUrl, reads from a mark, field checks. */
class SalesforceConnectorTest {

    static final SalesforceStub SALESFORCE = new SalesforceStub();
    static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");

    static {
        SALESFORCE.user("005M00000000000001", "boss@vendor.com", null);
        SALESFORCE.user("005R00000000000001", "rep@vendor.com", "005M00000000000001");
        for (int i = 0; i < 5000; i++) {
            SALESFORCE.account(SalesforceSyncTest.id("001C", i), "Account " + i, i == 3 ? null : "005R00000000000001",
                    T0.plusMillis(500L * i), Map.of());
        }
    }

    @AfterAll
    static void stop() {
        SALESFORCE.close();
    }

    static SalesforceConnector connector(CrmProperties.Fields fields) {
        return SalesforceConfiguration.connector(new CrmProperties.Salesforce(SALESFORCE.url(), SalesforceStub.CLIENT_ID,
                SalesforceStub.CLIENT_SECRET, null, null, null, null, null), fields, Duration.ofSeconds(10),
                JsonMapper.builder().build(), Clock.systemUTC());
    }

    @Test
    void fiveThousandAccountsComeInThreePagesOldestChangeFirst() {
        SalesforceConnector crm = connector(CrmProperties.Fields.SALESFORCE);
        List<CrmAccount> all = new ArrayList<>();
        int pages = 0;
        String cursor = null;
        do {
            CrmPage<CrmAccount> page = crm.changedAccounts(null, cursor);
            all.addAll(page.records());
            cursor = page.next();
            pages++;
        } while (cursor != null);

        assertThat(pages).isEqualTo(3);
        assertThat(all).hasSize(5000);
        assertThat(all).extracting(CrmAccount::modifiedAt).isSorted();
        assertThat(all.get(0)).satisfies(a -> {
            assertThat(a.crmId()).isEqualTo(SalesforceSyncTest.id("001C", 0));
            assertThat(a.ownerEmail()).isEqualTo("rep@vendor.com");
            assertThat(a.managerEmail()).isEqualTo("boss@vendor.com");
            assertThat(a.modifiedAt()).isEqualTo(T0);
            assertThat(a.problem()).isNull();
        });
        // an account without an owner reads as one with no owner email (the sync reports it)
        assertThat(all.get(3).ownerEmail()).isNull();
        // one login, one query, two nextRecordsUrl pages
        assertThat(crm.calls()).isEqualTo(4);
    }

    @Test
    void aReadFromAMarkAsksOnlyForLaterChangesInWholeSeconds() {
        SalesforceConnector crm = connector(CrmProperties.Fields.SALESFORCE);
        CrmPage<CrmAccount> page = crm.changedAccounts(T0.plusMillis(500L * 4990 + 250), null);
        // the mark 2026-11-01T00:41:35.250Z asks from 00:41:35: the record on 00:41:35.000 is read again
        assertThat(page.records()).extracting(CrmAccount::crmId).first().isEqualTo(SalesforceSyncTest.id("001C", 4990));
        assertThat(page.records()).hasSize(10);
        assertThat(page.next()).isNull();
        assertThat(SALESFORCE.calls.get(SALESFORCE.calls.size() - 1).soql())
                .contains("WHERE SystemModstamp >= 2026-11-01T00:41:35Z ORDER BY SystemModstamp, Id");
    }

    @Test
    void mappedFieldsSalesforceLacksAreNamedAndAQueryNamingOneIsRefusedWithItsErrorCode() {
        SalesforceConnector crm = connector(new CrmProperties.Fields(null, null, null, "Cs_Room__c", null)
                .orDefaults(CrmProperties.Fields.SALESFORCE));
        assertThat(crm.missingMappedFields()).containsExactly("Account.Cs_Room__c");
        assertThat(crm.missingWrittenFields()).contains("Contact.Referral_Loop_Consent_Level__c", "Account.Referral_Loop_Rating__c",
                "Lead.Referral_Loop_Referred_By__c");
        assertThatThrownBy(() -> crm.changedAccounts(null, null)).isInstanceOfSatisfying(CrmException.class, e -> {
            assertThat(e.kind()).isEqualTo(CrmException.Kind.REJECTED);
            assertThat(e.getMessage()).contains("400 INVALID_FIELD");
        });
    }

    @Test
    void aFieldNameThatIsNoApiNameOrACursorThatIsNoSalesforcePathIsRefused() {
        assertThatThrownBy(() -> connector(new CrmProperties.Fields("Slack Id, (SELECT Id FROM User)", null, null, null, null)
                .orDefaults(CrmProperties.Fields.SALESFORCE))).hasMessageContaining("REFERRAL_CRM_FIELD_SLACK_USER_ID");
        assertThatThrownBy(() -> connector(CrmProperties.Fields.SALESFORCE).changedAccounts(null, "https://elsewhere.example/x"))
                .isInstanceOfSatisfying(CrmException.class, e -> assertThat(e.kind()).isEqualTo(CrmException.Kind.REJECTED));
    }
}
