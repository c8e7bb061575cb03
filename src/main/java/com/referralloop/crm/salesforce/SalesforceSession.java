package com.referralloop.crm.salesforce;

import com.referralloop.crm.CrmException;
import com.referralloop.crm.CrmHttp;
import java.net.URI;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import tools.jackson.databind.JsonNode;

/**
 * The Salesforce session the bot calls with: one access token and the instance it belongs to, got from
 * {@code POST /services/oauth2/token} (client credentials, or a JWT bearer assertion) and kept until
 * Salesforce refuses it. Neither flow hands out a refresh token or says when the token ends (the connected
 * app's session policy does), so a refused token is the signal to log in again.
 */
final class SalesforceSession {

    /** An access token and the instance URL to call it on. */
    record Session(String accessToken, String instanceUrl) {

        URI uri(String path) {
            return URI.create(instanceUrl + path);
        }

        @Override
        public String toString() {
            return "Session[" + instanceUrl + "]";
        }
    }

    private static final Logger log = LoggerFactory.getLogger(SalesforceSession.class);
    static final String TOKEN_PATH = "/services/oauth2/token";

    private final CrmHttp login;
    private final String clientId;
    private final String clientSecret;
    private final SalesforceJwt jwt;
    private Session current;

    /** Client credentials when {@code jwt} is null, else the JWT bearer flow. */
    SalesforceSession(CrmHttp login, String clientId, String clientSecret, SalesforceJwt jwt) {
        this.login = login;
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        this.jwt = jwt;
    }

    synchronized Session get() {
        if (current == null) {
            current = open();
        }
        return current;
    }

    /** Forgets {@code stale} (unless another call already replaced it), so the next {@link #get} logs in. */
    synchronized void expire(Session stale) {
        if (current == stale) {
            current = null;
        }
    }

    private Session open() {
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        if (jwt == null) {
            form.add("grant_type", "client_credentials");
            form.add("client_id", clientId);
            form.add("client_secret", clientSecret);
        } else {
            form.add("grant_type", "urn:ietf:params:oauth:grant-type:jwt-bearer");
            form.add("assertion", jwt.assertion());
        }
        JsonNode answer = login.postForm(TOKEN_PATH, form, "Salesforce login");
        String token = answer.path("access_token").asString(null);
        String instance = answer.path("instance_url").asString("").replaceAll("/+$", "");
        if (token == null || token.isBlank() || !instance.matches("https?://[^/?#\\s]+")) {
            throw new CrmException(CrmException.Kind.FAILED, "Salesforce login: the token answer lacks an access_token "
                    + "or an instance_url");
        }
        log.info("Salesforce session opened on {} ({})", instance, jwt == null ? "client credentials" : "JWT bearer");
        return new Session(token, instance);
    }
}
