package com.referralloop.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Access to {@code /api/**}.
 *
 * @param token                 full-access bearer token (REFERRAL_API_TOKEN): admin, imports, privacy, exports
 * @param readToken             read-only bearer token for dashboards and BI (REFERRAL_API_READ_TOKEN): GET only,
 *                              and never the personal-data endpoints (contact export, CSV exports)
 * @param personalDataPerMinute calls per minute and caller to the personal-data endpoints (export, erase, CSV)
 * @param maxBodyBytes          largest request body accepted by webhooks and the API
 */
@ConfigurationProperties("referral.api")
public record ApiProperties(String token, String readToken, Integer personalDataPerMinute, Integer maxBodyBytes) {

    public ApiProperties {
        maxBodyBytes = maxBodyBytes == null ? 256 * 1024 : maxBodyBytes;
        personalDataPerMinute = personalDataPerMinute == null ? 30 : personalDataPerMinute;
        token = token == null || token.isBlank() ? null : token;
        readToken = readToken == null || readToken.isBlank() ? null : readToken;
    }

    /** True when any API token is set: the local trial is then over, and every call needs a token. */
    public boolean tokenConfigured() {
        return token != null || readToken != null;
    }

    @Override
    public String toString() {
        return "ApiProperties[token=" + (token != null ? "***" : "unset") + ", readToken="
                + (readToken != null ? "***" : "unset") + ", personalDataPerMinute=" + personalDataPerMinute
                + ", maxBodyBytes=" + maxBodyBytes + "]";
    }
}
