package com.referralloop.feedback.provider;

import com.referralloop.feedback.WebhookRejectedException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC signatures and shared secrets as the survey tools send them. Every comparison is constant
 * time ({@link MessageDigest#isEqual}) so a forger learns nothing from how long a refusal took.
 */
final class Signatures {

    private Signatures() {
    }

    /** 401 for every request while the provider's secret is unset: an unconfigured endpoint accepts nothing. */
    static String requireSecret(String secret, String provider, String variable) {
        if (secret == null || secret.isBlank()) {
            throw WebhookRejectedException.unauthorized(provider + " webhook secret not configured (" + variable
                    + "); request refused");
        }
        return secret.trim();
    }

    static byte[] hmac(String algorithm, String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), algorithm));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Checks a header of the form {@code <prefix><digest>} (e.g. {@code sha256=ab12...}); the digest is
     * hex or base64 as the provider documents. A missing header, another prefix or undecodable digest
     * never matches.
     */
    static boolean matches(String header, String prefix, boolean hex, byte[] expected) {
        if (header == null) {
            return false;
        }
        String value = header.trim();
        if (!value.regionMatches(true, 0, prefix, 0, prefix.length())) {
            return false;
        }
        String digest = value.substring(prefix.length());
        byte[] given;
        try {
            given = hex ? HexFormat.of().parseHex(digest.toLowerCase(Locale.ROOT)) : Base64.getDecoder().decode(digest);
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(expected, given);
    }

    /** Compares two shared secrets by their SHA-256 digests, so neither content nor length leaks through timing. */
    static boolean sameSecret(String given, String expected) {
        if (given == null) {
            return false;
        }
        return MessageDigest.isEqual(sha256(given.trim()), sha256(expected));
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
