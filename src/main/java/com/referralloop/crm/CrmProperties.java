package com.referralloop.crm;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the CRM connector; off while neither HubSpot's token nor Salesforce's client is set.
 *
 * @param hubspot      HubSpot private-app access (HUBSPOT_ACCESS_TOKEN, HUBSPOT_API_URL)
 * @param salesforce   Salesforce connected app (SALESFORCE_*)
 * @param fields       which CRM fields hold the chat ids, the CS channel and the preferred channel
 * @param syncInterval time between two incremental syncs (REFERRAL_CRM_SYNC_INTERVAL)
 * @param timeout      how long one CRM call may take
 */
@ConfigurationProperties("referral.crm")
public record CrmProperties(HubSpot hubspot, Salesforce salesforce, Fields fields, Duration syncInterval, Duration timeout) {

    public CrmProperties {
        hubspot = hubspot == null ? new HubSpot(null, null) : hubspot;
        salesforce = salesforce == null ? new Salesforce(null, null, null, null) : salesforce;
        fields = fields == null ? new Fields(null, null, null, null, null) : fields;
        syncInterval = syncInterval == null ? Duration.ofMinutes(15) : syncInterval;
        timeout = timeout == null ? Duration.ofSeconds(20) : timeout;
    }

    /** HubSpot CRM v3 with a private-app token. */
    public record HubSpot(String accessToken, String apiUrl) {

        public HubSpot {
            apiUrl = apiUrl == null || apiUrl.isBlank() ? "https://api.hubapi.com" : apiUrl.trim();
        }

        public boolean configured() {
            return accessToken != null && !accessToken.isBlank();
        }

        @Override
        public String toString() {
            return "HubSpot[token=" + (configured() ? "***" : "unset") + ", apiUrl=" + apiUrl + "]";
        }
    }

    /** Salesforce REST with the OAuth 2.0 client-credentials flow. */
    public record Salesforce(String loginUrl, String clientId, String clientSecret, String apiVersion) {

        public Salesforce {
            apiVersion = apiVersion == null || apiVersion.isBlank() ? "v62.0" : apiVersion.trim();
        }

        public boolean configured() {
            return loginUrl != null && !loginUrl.isBlank() && clientId != null && !clientId.isBlank()
                    && clientSecret != null && !clientSecret.isBlank();
        }

        @Override
        public String toString() {
            return "Salesforce[loginUrl=" + loginUrl + ", client=" + (configured() ? "***" : "unset") + "]";
        }
    }

    /** CRM field (property) names read on contacts and accounts; a blank one is not read. */
    public record Fields(String slackUserId, String discordUserId, String preferredChannel, String csChannel,
                         String managerEmail) {

        public Fields {
            slackUserId = orDefault(slackUserId, "referral_loop_slack_user_id");
            discordUserId = orDefault(discordUserId, "referral_loop_discord_user_id");
            preferredChannel = orDefault(preferredChannel, "referral_loop_preferred_channel");
            csChannel = orDefault(csChannel, "referral_loop_cs_channel");
            managerEmail = orDefault(managerEmail, "referral_loop_manager_email");
        }

        private static String orDefault(String value, String fallback) {
            return value == null || value.isBlank() ? fallback : value.trim();
        }
    }

    public boolean configured() {
        return hubspot.configured() || salesforce.configured();
    }
}
