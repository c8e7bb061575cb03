package com.referralloop.chat.slack;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks Slack's request signature on the raw body: stricter than Bolt's own check, which accepts
 * timestamps from the future and compares signatures with {@code String.equals}.
 */
final class SlackRequestVerifier {

    private final byte[] secret;
    private final Duration maxSkew;

    SlackRequestVerifier(String signingSecret, Duration maxSkew) {
        this.secret = signingSecret.getBytes(StandardCharsets.UTF_8);
        this.maxSkew = maxSkew;
    }

    /** Why the request is refused, or null when it is genuine and fresh. */
    String problem(String timestamp, String signature, byte[] body, Instant now) {
        if (timestamp == null || signature == null) {
            return "missing X-Slack-Request-Timestamp or X-Slack-Signature";
        }
        long ts;
        try {
            ts = Long.parseLong(timestamp.trim());
        } catch (NumberFormatException e) {
            return "timestamp is not a number";
        }
        long skew = Math.abs(now.getEpochSecond() - ts);
        if (skew > maxSkew.toSeconds()) {
            return "timestamp is " + skew + " s away from now";
        }
        byte[] expected = ("v0=" + HexFormat.of().formatHex(hmac(timestamp.trim(), body))).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, signature.trim().getBytes(StandardCharsets.US_ASCII)) ? null : "bad signature";
    }

    private byte[] hmac(String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            mac.update(("v0:" + timestamp + ":").getBytes(StandardCharsets.UTF_8));
            return mac.doFinal(body);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }
}
