package com.referralloop.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Access to {@code /api/**}.
 *
 * @param token        bearer token for /api/** (REFERRAL_API_TOKEN); unset means loopback only
 * @param maxBodyBytes largest request body accepted by webhooks and the API
 */
@ConfigurationProperties("referral.api")
public record ApiProperties(String token, Integer maxBodyBytes) {

    public ApiProperties {
        maxBodyBytes = maxBodyBytes == null ? 256 * 1024 : maxBodyBytes;
    }

    public boolean tokenConfigured() {
        return token != null && !token.isBlank();
    }

    @Override
    public String toString() {
        return "ApiProperties[token=" + (tokenConfigured() ? "***" : "unset") + ", maxBodyBytes=" + maxBodyBytes + "]";
    }
}
