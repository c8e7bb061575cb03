package com.referralloop.crm.salesforce;

import com.referralloop.crm.CrmException;
import com.referralloop.crm.CrmHttp;
import com.referralloop.crm.salesforce.SalesforceAnswers.SessionExpired;
import com.referralloop.crm.salesforce.SalesforceSession.Session;
import org.springframework.http.HttpMethod;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Calls the Salesforce REST API of one version on the session's instance: each call first asks the usage
 * guard (through {@link SalesforceAnswers#admit}, on the call's turn), and a session Salesforce refuses is
 * replaced once and the call repeated (a refused call changed nothing, so repeating a write is safe). A login that is refused, or a new session refused again, is an
 * UNAUTHORIZED CrmException: health DOWN, writes wait.
 */
final class SalesforceApi {

    /** Keeps nulls (the app's mapper leaves them out): a null is how a Salesforce PATCH clears a field. */
    private static final JsonMapper BODIES = JsonMapper.builder().build();

    private final CrmHttp http;
    private final SalesforceSession session;
    private final String version;

    SalesforceApi(CrmHttp http, SalesforceSession session, String version) {
        this.http = http;
        this.session = session;
        this.version = version;
    }

    /** {@code /services/data/vNN.0} + rest: the path of a resource of this API version. */
    String data(String rest) {
        return "/services/data/" + version + rest;
    }

    long calls() {
        return http.calls();
    }

    JsonNode get(String path, String what) {
        return call(HttpMethod.GET, path, null, what);
    }

    /** {@code path} is encoded already (a query's {@code q}, a {@code nextRecordsUrl}) and is sent as it is. */
    JsonNode call(HttpMethod method, String path, Object body, String what) {
        if (!path.startsWith("/services/data/")) {
            throw new CrmException(CrmException.Kind.REJECTED, what + ": not a Salesforce REST path");
        }
        String json = body == null ? null : BODIES.writeValueAsString(body);
        Session s = session.get();
        try {
            return http.call(method, s.uri(path), json, s::accessToken, what);
        } catch (SessionExpired expired) {
            session.expire(s);
            Session fresh = session.get();
            try {
                return http.call(method, fresh.uri(path), json, fresh::accessToken, what);
            } catch (SessionExpired again) {
                throw new CrmException(CrmException.Kind.UNAUTHORIZED, what
                        + ": Salesforce refused a new session too (401 INVALID_SESSION_ID)");
            }
        }
    }
}
