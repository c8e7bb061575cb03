package com.referralloop.feedback.provider;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Test secrets and the exact signing each survey tool documents, computed independently of the code under test. */
final class ProviderSigning {

    static final String DELIGHTED = "test-delighted-api-key";
    static final String TYPEFORM = "test-typeform-secret";
    static final String WOOTRIC = "test-wootric-secret";
    static final String ASKNICELY = "test-asknicely-shared-secret";
    /** {@code whsec_} + base64("test-formbricks-secret-0123456789"). */
    static final String FORMBRICKS = "whsec_dGVzdC1mb3JtYnJpY2tzLXNlY3JldC0wMTIzNDU2Nzg5";
    /** {@code whsec_} + base64("not-the-formbricks-secret"). */
    static final String OTHER_FORMBRICKS = "whsec_bm90LXRoZS1mb3JtYnJpY2tzLXNlY3JldA==";

    private ProviderSigning() {
    }

    /** A request as a provider would send it. */
    record Signed(String contentType, String body, Map<String, String> headers) { }

    static String hmac(String algorithm, String key, String body) {
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), algorithm));
            return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static Signed delighted(String key, String body) {
        return new Signed("application/json", body,
                Map.of("X-Delighted-Webhook-Signature", "sha256=" + hmac("HmacSHA256", key, body)));
    }

    static Signed typeform(String secret, String body) {
        byte[] raw = HexFormat.of().parseHex(hmac("HmacSHA256", secret, body));
        return new Signed("application/json", body,
                Map.of("Typeform-Signature", "sha256=" + Base64.getEncoder().encodeToString(raw)));
    }

    static Signed wootric(String secret, String contentType, String body) {
        return new Signed(contentType, body, Map.of("X-Wootric-Signature", "sha1=" + hmac("HmacSHA1", secret, body)));
    }

    static Signed asknicely(String secret, String body) {
        return new Signed("application/json", body, Map.of("X-AskNicely-Secret", secret));
    }

    static Signed formbricks(String secret, String body, Instant at) {
        String id = UUID.randomUUID().toString();
        long ts = at.getEpochSecond();
        try {
            // Standard Webhooks: key = base64 after "whsec_", signed content = "{id}.{timestamp}.{body}"
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
            String signature = Base64.getEncoder().encodeToString(
                    mac.doFinal((id + "." + ts + "." + body).getBytes(StandardCharsets.UTF_8)));
            return new Signed("application/json", body, Map.of("webhook-id", id, "webhook-timestamp", Long.toString(ts),
                    "webhook-signature", "v1," + signature));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
