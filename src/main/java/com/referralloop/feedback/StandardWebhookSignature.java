package com.referralloop.feedback;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Standard Webhooks (standardwebhooks.com) signatures: {@code v1,base64(HMAC-SHA256(key, id.timestamp.body))},
 * with the key given as {@code whsec_<base64>}. Timestamps outside the tolerance, either way, are refused.
 */
public final class StandardWebhookSignature {

    private StandardWebhookSignature() {
    }

    public static void verify(WebhookRequest request, String secret, Duration tolerance, Clock clock) {
        if (secret == null || secret.isBlank()) {
            throw WebhookRejectedException.unauthorized("webhook secret not configured; request refused");
        }
        String id = request.header("webhook-id");
        String timestamp = request.header("webhook-timestamp");
        String signatures = request.header("webhook-signature");
        if (id == null || timestamp == null || signatures == null) {
            throw WebhookRejectedException.unauthorized("missing webhook-id, webhook-timestamp or webhook-signature header");
        }
        long seconds;
        try {
            seconds = Long.parseLong(timestamp.trim());
        } catch (NumberFormatException e) {
            throw WebhookRejectedException.unauthorized("webhook-timestamp must be Unix seconds");
        }
        Duration skew = Duration.between(Instant.ofEpochSecond(seconds), clock.instant()).abs();
        if (skew.compareTo(tolerance) > 0) {
            throw WebhookRejectedException.unauthorized("webhook-timestamp is more than " + tolerance.toMinutes()
                    + " minutes away from now");
        }
        byte[] expected = sign(secret, id, seconds, request.body());
        for (String candidate : signatures.trim().split(" ")) {
            int comma = candidate.indexOf(',');
            if (comma < 0 || !"v1".equals(candidate.substring(0, comma))) {
                continue;
            }
            byte[] given;
            try {
                given = Base64.getDecoder().decode(candidate.substring(comma + 1));
            } catch (IllegalArgumentException e) {
                continue;
            }
            if (MessageDigest.isEqual(expected, given)) {
                return;
            }
        }
        throw WebhookRejectedException.unauthorized("webhook-signature does not match");
    }

    public static byte[] sign(String secret, String id, long timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key(secret), "HmacSHA256"));
            mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return mac.doFinal(body);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The header value a sender would put in {@code webhook-signature}. */
    public static String header(String secret, String id, long timestamp, byte[] body) {
        return "v1," + Base64.getEncoder().encodeToString(sign(secret, id, timestamp, body));
    }

    static byte[] key(String secret) {
        String s = secret.trim();
        if (s.startsWith("whsec_")) {
            return Base64.getDecoder().decode(s.substring("whsec_".length()));
        }
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
