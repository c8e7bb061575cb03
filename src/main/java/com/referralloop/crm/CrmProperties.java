package com.referralloop.crm;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the CRM connector; off while neither HubSpot's token nor Salesforce's client is set. Both set,
 * or a Salesforce login set half-way, stops the start-up with a message naming the settings.
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
        salesforce = salesforce == null ? new Salesforce(null, null, null, null, null, null, null, null) : salesforce;
        fields = fields == null ? new Fields(null, null, null, null, null) : fields;
        syncInterval = syncInterval == null ? Duration.ofMinutes(15) : syncInterval;
        timeout = timeout == null ? Duration.ofSeconds(20) : timeout;
        if (hubspot.configured() && salesforce.configured()) {
            throw new IllegalArgumentException("both HubSpot (HUBSPOT_ACCESS_TOKEN) and Salesforce (SALESFORCE_LOGIN_URL, "
                    + "SALESFORCE_CLIENT_ID, ...) are configured: the bot syncs with one CRM, unset the other's settings");
        }
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

    /**
     * Salesforce REST through a connected app: the OAuth 2.0 client-credentials flow (client secret) or the JWT
     * bearer flow (username and private key).
     *
     * @param apiUsageLimit share of the org's daily API requests past which the bot stops calling (0.95)
     * @param apiUsagePause how long it then waits before one call looks at the usage again
     */
    public record Salesforce(String loginUrl, String clientId, String clientSecret, String username, String privateKey,
                             String apiVersion, Double apiUsageLimit, Duration apiUsagePause) {

        public Salesforce {
            loginUrl = blankToNull(loginUrl);
            loginUrl = loginUrl == null ? null : loginUrl.replaceAll("/+$", "");
            clientId = blankToNull(clientId);
            clientSecret = blankToNull(clientSecret);
            username = blankToNull(username);
            privateKey = blankToNull(privateKey);
            apiVersion = apiVersion == null || apiVersion.isBlank() ? "v62.0" : apiVersion.trim();
            apiUsageLimit = apiUsageLimit == null ? 0.95 : apiUsageLimit;
            apiUsagePause = apiUsagePause == null ? Duration.ofMinutes(15) : apiUsagePause;
            if (!apiVersion.matches("v\\d{2,3}\\.0")) {
                throw new IllegalArgumentException("SALESFORCE_API_VERSION must look like v62.0, not " + apiVersion);
            }
            if (apiUsageLimit <= 0 || apiUsageLimit > 1) {
                throw new IllegalArgumentException("SALESFORCE_API_USAGE_LIMIT is a share of the daily limit between 0 and 1, e.g. 0.95");
            }
            if (apiUsagePause.isNegative() || apiUsagePause.isZero()) {
                throw new IllegalArgumentException("SALESFORCE_API_USAGE_PAUSE must be a positive duration, e.g. 15m");
            }
            List<String> missing = missing(loginUrl, clientId, clientSecret, username, privateKey);
            if (!missing.isEmpty()) {
                throw new IllegalArgumentException("Salesforce is configured half-way: " + String.join("; ", missing));
            }
        }

        /** What a started Salesforce login lacks (nothing when none of it is set, or all of one flow). */
        private static List<String> missing(String loginUrl, String clientId, String secret, String username, String key) {
            List<String> missing = new ArrayList<>();
            if (loginUrl == null && clientId == null && secret == null && username == null && key == null) {
                return missing;
            }
            if (loginUrl == null) {
                missing.add("set SALESFORCE_LOGIN_URL (your My Domain URL, e.g. https://yourcompany.my.salesforce.com)");
            }
            if (clientId == null) {
                missing.add("set SALESFORCE_CLIENT_ID (the connected app's consumer key)");
            }
            boolean jwt = username != null || key != null;
            if (jwt && secret != null) {
                missing.add("set either SALESFORCE_CLIENT_SECRET (client credentials) or SALESFORCE_USERNAME and "
                        + "SALESFORCE_PRIVATE_KEY (JWT bearer), not both");
            } else if (jwt && (username == null || key == null)) {
                missing.add("the JWT bearer flow needs both SALESFORCE_USERNAME and SALESFORCE_PRIVATE_KEY");
            } else if (!jwt && secret == null) {
                missing.add("set SALESFORCE_CLIENT_SECRET (client credentials) or SALESFORCE_USERNAME and "
                        + "SALESFORCE_PRIVATE_KEY (JWT bearer)");
            }
            return missing;
        }

        public boolean configured() {
            return loginUrl != null && clientId != null;
        }

        /** True for the JWT bearer flow, false for client credentials. */
        public boolean jwtBearer() {
            return privateKey != null;
        }

        @Override
        public String toString() {
            return "Salesforce[loginUrl=" + loginUrl + ", client=" + (configured() ? "***" : "unset")
                    + ", flow=" + (jwtBearer() ? "jwt-bearer" : "client-credentials") + ", apiVersion=" + apiVersion + "]";
        }
    }

    /**
     * CRM field (property) names read on contacts and accounts. An unset one takes the connected CRM's default
     * ({@link #HUBSPOT}, {@link #SALESFORCE}); a null one there is not read.
     */
    public record Fields(String slackUserId, String discordUserId, String preferredChannel, String csChannel,
                         String managerEmail) {

        /** HubSpot's defaults: the custom properties POST /api/crm/setup creates. */
        public static final Fields HUBSPOT = new Fields("referral_loop_slack_user_id", "referral_loop_discord_user_id",
                "referral_loop_preferred_channel", "referral_loop_cs_channel", "referral_loop_manager_email");
        /** Salesforce's defaults: the custom fields of manifests/salesforce; the manager is the owner's (Owner.Manager). */
        public static final Fields SALESFORCE = new Fields("Slack_User_Id__c", "Discord_User_Id__c",
                "Preferred_Channel__c", "Slack_Channel__c", null);

        public Fields {
            slackUserId = blankToNull(slackUserId);
            discordUserId = blankToNull(discordUserId);
            preferredChannel = blankToNull(preferredChannel);
            csChannel = blankToNull(csChannel);
            managerEmail = blankToNull(managerEmail);
        }

        /** These settings, each unset one taken from {@code defaults}. */
        public Fields orDefaults(Fields defaults) {
            return new Fields(or(slackUserId, defaults.slackUserId), or(discordUserId, defaults.discordUserId),
                    or(preferredChannel, defaults.preferredChannel), or(csChannel, defaults.csChannel),
                    or(managerEmail, defaults.managerEmail));
        }

        private static String or(String value, String fallback) {
            return value == null ? fallback : value;
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    public boolean configured() {
        return hubspot.configured() || salesforce.configured();
    }
}
