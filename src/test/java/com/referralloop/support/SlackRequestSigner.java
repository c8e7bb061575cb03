package com.referralloop.support;

import com.slack.api.app_backend.SlackSignature;
import java.time.Instant;
import java.util.Map;

/** Signs requests to /slack/events as Slack does (v0 HMAC-SHA256 of timestamp and raw body). */
public final class SlackRequestSigner {

    public static final String SECRET = "test-slack-signing-secret-0123456789";

    private SlackRequestSigner() {
    }

    public static Map<String, String> headers(String body) {
        return headers(SECRET, body, Instant.now());
    }

    public static Map<String, String> headers(String secret, String body, Instant at) {
        String ts = Long.toString(at.getEpochSecond());
        return Map.of(SlackSignature.HeaderNames.X_SLACK_REQUEST_TIMESTAMP, ts,
                SlackSignature.HeaderNames.X_SLACK_SIGNATURE, new SlackSignature.Generator(secret).generate(ts, body));
    }
}
