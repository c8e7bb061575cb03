package com.referralloop.crm.salesforce;

import com.referralloop.crm.CrmException;
import com.referralloop.crm.CrmException.Kind;
import com.referralloop.crm.CrmHttp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.HttpHeaders;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Reads what Salesforce puts in its answers: the API usage header on every one, and the error list of a
 * failed one ({@code [{"message": ..., "errorCode": ..., "fields": [...]}]}) so that an expired session is
 * told apart from a refused client, a used-up limit waits, and messages name the error code and fields
 * (never the message text, which may quote a value).
 */
final class SalesforceAnswers implements CrmHttp.Answers {

    /** The session token expired or was revoked: log in again once and repeat the call. */
    static final class SessionExpired extends CrmException {
        SessionExpired(String what) {
            super(Kind.UNAUTHORIZED, what + ": Salesforce refused the session (401 INVALID_SESSION_ID)");
        }
    }

    private final ObjectMapper json;
    private final SalesforceApiUsage usage;

    SalesforceAnswers(ObjectMapper json, SalesforceApiUsage usage) {
        this.json = json;
        this.usage = usage;
    }

    /** The usage guard, asked on the call's turn: an answer that came back while the call waited counts. */
    @Override
    public void admit(String what) {
        usage.check(what);
    }

    @Override
    public void inspect(int status, HttpHeaders headers, byte[] body, String what) {
        usage.seen(headers.getFirst(SalesforceApiUsage.HEADER));
        if (status < 400) {
            return;
        }
        JsonNode errors = parse(body);
        List<String> codes = codes(errors);
        if (status == 401 && (codes.isEmpty() || codes.contains("INVALID_SESSION_ID"))) {
            throw new SessionExpired(what);
        }
        if (codes.contains("REQUEST_LIMIT_EXCEEDED")) {
            throw usage.exceeded(errors.path(0).path("message").asString(""), what);
        }
        if (status == 403 && codes.stream().anyMatch(c -> c.startsWith("INSUFFICIENT_ACCESS"))) {
            // one record the integration user may not touch: that write never works, the session is fine
            throw new CrmException(Kind.REJECTED, what + ": Salesforce refused the request (403 " + detail(errors) + ")");
        }
    }

    @Override
    public String detail(byte[] body) {
        return detail(parse(body));
    }

    /** A failed composite subrequest, sorted as a top-level answer would be (it has no Retry-After of its own). */
    CrmException failure(int status, JsonNode errors, String what) {
        List<String> codes = codes(errors);
        String code = status + (detail(errors) == null ? "" : " " + detail(errors));
        if (codes.contains("REQUEST_LIMIT_EXCEEDED")) {
            return usage.exceeded(errors.path(0).path("message").asString(""), what);
        }
        if (status == 401 || status == 403) {
            return new CrmException(Kind.UNAUTHORIZED, what + ": Salesforce refused the session (" + code + ")");
        }
        if (status == 429 || status == 503) {
            return new CrmException(Kind.RATE_LIMITED, what + ": rate limited (" + code + ")", Duration.ofSeconds(30));
        }
        if (status >= 500) {
            return new CrmException(Kind.FAILED, what + ": Salesforce answered " + code);
        }
        return new CrmException(Kind.REJECTED, what + ": Salesforce refused the request (" + code + ")");
    }

    /** "INVALID_FIELD Foo__c": the first error's code and fields, each checked to be a code or an API name. */
    static String detail(JsonNode errors) {
        JsonNode first = errors.isArray() ? errors.path(0) : errors;
        String code = code(first);
        if (!code.matches("[A-Z_]{1,60}")) {
            return null;
        }
        List<String> fields = new ArrayList<>();
        first.path("fields").forEach(f -> {
            if (f.asString("").matches("[A-Za-z0-9_.]{1,80}")) {
                fields.add(f.asString());
            }
        });
        return fields.isEmpty() ? code : code + " " + String.join(",", fields);
    }

    static List<String> codes(JsonNode errors) {
        List<String> codes = new ArrayList<>();
        if (errors.isArray()) {
            errors.forEach(e -> codes.add(code(e)));
        } else if (errors.isObject()) {
            codes.add(code(errors));
        }
        return codes;
    }

    /** REST errors name it {@code errorCode}, sObject Collections results {@code statusCode}. */
    private static String code(JsonNode error) {
        return error.path("errorCode").asString(error.path("statusCode").asString(""));
    }

    private JsonNode parse(byte[] body) {
        try {
            return body == null || body.length == 0 ? json.createArrayNode() : json.readTree(body);
        } catch (JacksonException notJson) {
            return json.createArrayNode();
        }
    }
}
