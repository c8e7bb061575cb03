package com.referralloop.crm.salesforce;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Clock;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.ObjectMapper;

/**
 * The signed assertion of the OAuth 2.0 JWT bearer flow: RS256 over {@code iss} (the connected app's client
 * id), {@code sub} (the integration user), {@code aud} (login or test.salesforce.com) and {@code exp} (three
 * minutes on, the most Salesforce accepts). The key is an unencrypted RSA key in PEM, PKCS#8
 * ({@code BEGIN PRIVATE KEY}) or PKCS#1 ({@code BEGIN RSA PRIVATE KEY}, as {@code openssl genrsa} writes).
 */
final class SalesforceJwt {

    private static final long LIFETIME_SECONDS = 180;
    /** DER of the rsaEncryption algorithm identifier, to wrap a PKCS#1 key as PKCS#8. */
    private static final byte[] RSA_ALGORITHM = {0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86,
            (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00};

    private final PrivateKey key;
    private final String clientId;
    private final String username;
    private final String audience;
    private final ObjectMapper json;
    private final Clock clock;

    SalesforceJwt(String pem, String clientId, String username, String loginUrl, ObjectMapper json, Clock clock) {
        this.key = privateKey(pem);
        this.clientId = clientId;
        this.username = username;
        this.audience = audience(loginUrl);
        this.json = json;
        this.clock = clock;
    }

    String assertion() {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String header = b64.encodeToString(json.writeValueAsBytes(Map.of("alg", "RS256")));
        String claims = b64.encodeToString(json.writeValueAsBytes(Map.of("iss", clientId, "sub", username,
                "aud", audience, "exp", clock.instant().getEpochSecond() + LIFETIME_SECONDS)));
        String signed = header + "." + claims;
        try {
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initSign(key);
            rsa.update(signed.getBytes(StandardCharsets.US_ASCII));
            return signed + "." + b64.encodeToString(rsa.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign the Salesforce JWT assertion", e);
        }
    }

    /** Sandboxes (test.salesforce.com, *.sandbox.my.salesforce.com) take the test audience, every other org login's. */
    static String audience(String loginUrl) {
        String host = URI.create(loginUrl).getHost();
        host = host == null ? "" : host.toLowerCase(Locale.ROOT);
        return host.equals("test.salesforce.com") || host.endsWith(".sandbox.my.salesforce.com")
                ? "https://test.salesforce.com" : "https://login.salesforce.com";
    }

    static PrivateKey privateKey(String pem) {
        // an .env file or a secret often carries the PEM on one line with literal \n
        String text = pem.replace("\\n", "\n").trim();
        boolean pkcs1 = text.contains("BEGIN RSA PRIVATE KEY");
        if (!pkcs1 && !text.contains("BEGIN PRIVATE KEY")) {
            throw new IllegalArgumentException("SALESFORCE_PRIVATE_KEY must be an unencrypted RSA key in PEM "
                    + "(-----BEGIN PRIVATE KEY----- or -----BEGIN RSA PRIVATE KEY-----)");
        }
        String base64 = text.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        try {
            byte[] der = Base64.getDecoder().decode(base64);
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(pkcs1 ? pkcs8(der) : der));
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            throw new IllegalArgumentException("SALESFORCE_PRIVATE_KEY is not a readable RSA private key", e);
        }
    }

    /** PrivateKeyInfo ::= SEQUENCE { version 0, rsaEncryption, OCTET STRING pkcs1 }. */
    private static byte[] pkcs8(byte[] pkcs1) {
        ByteArrayOutputStream inner = new ByteArrayOutputStream();
        inner.writeBytes(new byte[] {0x02, 0x01, 0x00});
        inner.writeBytes(RSA_ALGORITHM);
        inner.writeBytes(der(0x04, pkcs1));
        return der(0x30, inner.toByteArray());
    }

    private static byte[] der(int tag, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        int n = content.length;
        if (n < 0x80) {
            out.write(n);
        } else {
            int bytes = n > 0xffffff ? 4 : n > 0xffff ? 3 : n > 0xff ? 2 : 1;
            out.write(0x80 | bytes);
            for (int i = bytes - 1; i >= 0; i--) {
                out.write((n >> (8 * i)) & 0xff);
            }
        }
        out.writeBytes(content);
        return out.toByteArray();
    }
}
