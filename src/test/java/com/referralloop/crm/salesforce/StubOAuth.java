package com.referralloop.crm.salesforce;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * The stub's {@code POST /services/oauth2/token}: client credentials (400 invalid_client for a wrong secret,
 * invalid_grant while the client is disabled) and the JWT bearer flow (an RS256 assertion checked against the
 * stub's public key, iss, sub, aud and an exp at most five minutes on), answered as Salesforce does with
 * access_token, instance_url, id, token_type, issued_at and no refresh token.
 */
final class StubOAuth {

    private StubOAuth() {
    }

    static SalesforceStub.Resp token(SalesforceStub sf, String form) {
        Map<String, String> f = new HashMap<>();
        for (String kv : form.split("&")) {
            int eq = kv.indexOf('=');
            if (eq > 0) {
                f.put(URLDecoder.decode(kv.substring(0, eq), StandardCharsets.UTF_8), URLDecoder.decode(kv.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        String grant = f.getOrDefault("grant_type", "");
        boolean ok;
        if (grant.equals("client_credentials")) {
            if (!SalesforceStub.CLIENT_ID.equals(f.get("client_id")) || !SalesforceStub.CLIENT_SECRET.equals(f.get("client_secret"))) {
                return SalesforceStub.json(400, Map.of("error", "invalid_client", "error_description", "invalid client credentials"));
            }
            ok = sf.clientEnabled;
        } else if (grant.equals("urn:ietf:params:oauth:grant-type:jwt-bearer")) {
            ok = sf.clientEnabled && validAssertion(sf, f.getOrDefault("assertion", ""));
        } else {
            return SalesforceStub.json(400, Map.of("error", "unsupported_grant_type", "error_description", "grant type not supported"));
        }
        if (!ok) {
            return SalesforceStub.json(400, Map.of("error", "invalid_grant", "error_description", "no client credentials user enabled"));
        }
        String token = "00DSTUB!" + UUID.randomUUID().toString().replace("-", "");
        sf.sessions.add(token);
        sf.logins.incrementAndGet();
        return SalesforceStub.json(200, Map.of("access_token", token, "signature", "c3R1Yg==", "scope", "api", "instance_url", sf.url(),
                "id", sf.url() + "/id/00D000000000001/005000000000001", "token_type", "Bearer",
                "issued_at", Long.toString(System.currentTimeMillis())));
    }

    private static boolean validAssertion(SalesforceStub sf, String jwt) {
        String[] parts = jwt.split("\\.");
        if (parts.length != 3 || sf.jwtKey == null) {
            return false;
        }
        try {
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initVerify(sf.jwtKey);
            rsa.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            JsonNode claims = SalesforceStub.JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
            long exp = claims.path("exp").asLong();
            long now = Instant.now().getEpochSecond();
            return rsa.verify(Base64.getUrlDecoder().decode(parts[2]))
                    && "RS256".equals(SalesforceStub.JSON.readTree(Base64.getUrlDecoder().decode(parts[0])).path("alg").asString())
                    && SalesforceStub.CLIENT_ID.equals(claims.path("iss").asString()) && claims.path("sub").asString().equals(sf.jwtUsername)
                    && "https://login.salesforce.com".equals(claims.path("aud").asString()) && exp > now && exp <= now + 300;
        } catch (java.security.GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

}
