package com.referralloop.web;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the dashboard, the playground and the CRM feed.
 *
 * @param demo              load sample accounts and survey answers at start (REFERRAL_DEMO)
 * @param user              HTTP Basic user for the pages outside loopback (REFERRAL_WEB_USER)
 * @param password          its password (REFERRAL_WEB_PASSWORD)
 * @param loopbackOpen      whether loopback requests see the pages without login; switch off behind a local proxy
 * @param crmWebhookUrl     where closed follow-ups, consents, testimonials and referrals are POSTed (CRM_WEBHOOK_URL)
 * @param crmWebhookSecret  Standard Webhooks signing key, {@code whsec_...} (CRM_WEBHOOK_SECRET)
 * @param crmTimeout        how long one CRM delivery may take before it counts as failed
 * @param playground        whether /playground is served; it lets whoever may see it act as any imported owner
 */
@ConfigurationProperties("referral.web")
public record WebProperties(boolean demo, String user, String password, Boolean loopbackOpen, String crmWebhookUrl,
                            String crmWebhookSecret, Duration crmTimeout,
                            Boolean playground) {

    public WebProperties {
        loopbackOpen = loopbackOpen == null ? Boolean.TRUE : loopbackOpen;
        crmTimeout = crmTimeout == null ? Duration.ofSeconds(10) : crmTimeout;
        playground = playground == null ? Boolean.TRUE : playground;
    }

    public boolean basicConfigured() {
        return user != null && !user.isBlank() && password != null && !password.isBlank();
    }

    public boolean crmConfigured() {
        return crmWebhookUrl != null && !crmWebhookUrl.isBlank();
    }

    @Override
    public String toString() {
        return "WebProperties[demo=" + demo + ", user=" + (basicConfigured() ? "***" : "unset")
                + ", crm=" + (crmConfigured() ? "set" : "unset") + "]";
    }
}
