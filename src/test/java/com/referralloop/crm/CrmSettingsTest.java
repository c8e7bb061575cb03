package com.referralloop.crm;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/** The CRM settings as the start-up binds them: one CRM at a time, no half-set Salesforce login, defaults per CRM. */
class CrmSettingsTest {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(CrmProperties.class)
    static class Settings {
    }

    /** Built only when a CRM is configured, as the connector's configurations are. */
    @Configuration(proxyBeanMethods = false)
    @Conditional(CrmConfigured.class)
    static class OnlyWithACrm {
    }

    final ApplicationContextRunner app = new ApplicationContextRunner().withUserConfiguration(Settings.class);

    @Test
    void bothCrmsConfiguredStopTheStartUpWithAMessageNamingThem() {
        app.withPropertyValues("referral.crm.hubspot.access-token=pat-na1-x",
                        "referral.crm.salesforce.login-url=https://acme.my.salesforce.com",
                        "referral.crm.salesforce.client-id=3MVG9", "referral.crm.salesforce.client-secret=s")
                .run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(rootMessage(context.getStartupFailure()))
                            .contains("both HubSpot (HUBSPOT_ACCESS_TOKEN) and Salesforce").contains("one CRM");
                });
        // the condition of the CRM beans binds the settings first: the start-up stops there, before any bean
        new ApplicationContextRunner().withUserConfiguration(OnlyWithACrm.class)
                .withPropertyValues("referral.crm.hubspot.access-token=pat-na1-x",
                        "referral.crm.salesforce.login-url=https://acme.my.salesforce.com",
                        "referral.crm.salesforce.client-id=3MVG9", "referral.crm.salesforce.client-secret=s")
                .run(context -> assertThat(rootMessage(context.getStartupFailure())).contains("both HubSpot"));
        new ApplicationContextRunner().withUserConfiguration(OnlyWithACrm.class)
                .withPropertyValues("referral.crm.salesforce.login-url=https://acme.my.salesforce.com",
                        "referral.crm.salesforce.client-id=3MVG9", "referral.crm.salesforce.client-secret=s")
                .run(context -> assertThat(context).hasNotFailed().hasSingleBean(OnlyWithACrm.class));
        new ApplicationContextRunner().withUserConfiguration(OnlyWithACrm.class)
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(OnlyWithACrm.class));
    }

    @Test
    void aHalfSetSalesforceLoginStopsTheStartUpSayingWhatIsMissing() {
        app.withPropertyValues("referral.crm.salesforce.client-id=3MVG9").run(context ->
                assertThat(rootMessage(context.getStartupFailure())).contains("SALESFORCE_LOGIN_URL")
                        .contains("SALESFORCE_CLIENT_SECRET"));
        app.withPropertyValues("referral.crm.salesforce.login-url=https://acme.my.salesforce.com",
                "referral.crm.salesforce.client-id=3MVG9", "referral.crm.salesforce.username=bot@acme.com").run(context ->
                assertThat(rootMessage(context.getStartupFailure())).contains("SALESFORCE_PRIVATE_KEY"));
        app.withPropertyValues("referral.crm.salesforce.login-url=https://acme.my.salesforce.com",
                "referral.crm.salesforce.client-id=3MVG9", "referral.crm.salesforce.client-secret=s",
                "referral.crm.salesforce.api-usage-limit=95").run(context ->
                assertThat(rootMessage(context.getStartupFailure())).contains("SALESFORCE_API_USAGE_LIMIT"));
    }

    @Test
    void eachCrmHasItsOwnFieldDefaultsAndASetFieldWins() {
        app.withPropertyValues("referral.crm.salesforce.login-url=https://acme.my.salesforce.com/",
                "referral.crm.salesforce.client-id=3MVG9", "referral.crm.salesforce.client-secret=s",
                "referral.crm.fields.cs-channel=CS_Room__c", "referral.crm.fields.slack-user-id=").run(context -> {
                    CrmProperties p = context.getBean(CrmProperties.class);
                    assertThat(p.salesforce().loginUrl()).isEqualTo("https://acme.my.salesforce.com");
                    assertThat(p.salesforce().jwtBearer()).isFalse();
                    assertThat(p.salesforce().toString()).doesNotContain("client-secret=s");
                    CrmProperties.Fields sf = p.fields().orDefaults(CrmProperties.Fields.SALESFORCE);
                    assertThat(sf.csChannel()).isEqualTo("CS_Room__c");
                    assertThat(sf.slackUserId()).isEqualTo("Slack_User_Id__c");
                    assertThat(sf.managerEmail()).isNull();
                    assertThat(p.fields().orDefaults(CrmProperties.Fields.HUBSPOT).slackUserId())
                            .isEqualTo("referral_loop_slack_user_id");
                });
    }

    private static String rootMessage(Throwable t) {
        StringBuilder all = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause()) {
            all.append(c.getMessage()).append(" | ");
        }
        return all.toString();
    }
}
