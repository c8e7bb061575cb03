package com.referralloop.support;

import com.referralloop.feedback.StandardWebhookSignature;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** Signs generic feedback webhooks the Standard Webhooks way, as a survey tool would. */
public final class WebhookSigner {

    public static final String SECRET = "whsec_" + java.util.Base64.getEncoder()
            .encodeToString("test-feedback-secret-0123456789".getBytes(StandardCharsets.UTF_8));

    private WebhookSigner() {
    }

    public static Map<String, String> headers(String body) {
        return headers(SECRET, body, Instant.now());
    }

    public static Map<String, String> headers(String secret, String body, Instant at) {
        String id = "msg_" + UUID.randomUUID();
        long ts = at.getEpochSecond();
        return Map.of("webhook-id", id, "webhook-timestamp", Long.toString(ts),
                "webhook-signature", StandardWebhookSignature.header(secret, id, ts, body.getBytes(StandardCharsets.UTF_8)));
    }
}
