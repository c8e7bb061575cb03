package com.referralloop.crm;

import com.referralloop.crm.CrmException.Kind;
import com.referralloop.support.RetryAfter;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * JSON over HTTP for the CRM adapters (Spring's RestClient on the JDK client, Jackson for the bodies), with
 * the answers sorted into {@link CrmException} kinds: 401/403 refused token, 429 rate limit (Retry-After),
 * 408/5xx/unreachable worth a retry, any other 4xx rejected. Error texts carry the status, never a body,
 * a token or a URL query (which may hold an email address).
 */
public class CrmHttp {

    private final RestClient rest;
    private final ObjectMapper json;
    private final Clock clock;
    private final AtomicLong calls = new AtomicLong();

    public CrmHttp(String baseUrl, Duration timeout, ObjectMapper json, Clock clock) {
        JdkClientHttpRequestFactory factory = new JdkClientHttpRequestFactory(
                HttpClient.newBuilder().connectTimeout(timeout).build());
        factory.setReadTimeout(timeout);
        this.rest = RestClient.builder().baseUrl(baseUrl).requestFactory(factory).build();
        this.json = json;
        this.clock = clock;
    }

    public ObjectMapper json() {
        return json;
    }

    public long calls() {
        return calls.get();
    }

    /** Sends a JSON body (or none) with a bearer token; returns the answer's JSON (an empty object for none). */
    public JsonNode call(HttpMethod method, String uri, Object body, Supplier<String> bearer, String what) {
        calls.incrementAndGet();
        RestClient.RequestBodySpec request = rest.method(method).uri(uri)
                .header("Authorization", "Bearer " + bearer.get())
                .accept(MediaType.APPLICATION_JSON);
        if (body != null) {
            request.contentType(MediaType.APPLICATION_JSON).body(body instanceof String s ? s : json.writeValueAsString(body));
        }
        try {
            return request.exchange((req, res) -> {
                int status = res.getStatusCode().value();
                byte[] bytes = res.getBody().readAllBytes();
                if (status >= 200 && status < 300) {
                    return bytes.length == 0 ? json.createObjectNode() : json.readTree(bytes);
                }
                throw failure(status, res.getHeaders().getFirst("Retry-After"), what);
            });
        } catch (ResourceAccessException e) {
            throw new CrmException(Kind.FAILED, what + ": CRM unreachable (" + rootName(e) + ")");
        } catch (JacksonException e) {
            throw new CrmException(Kind.FAILED, what + ": the CRM's answer is not JSON");
        }
    }

    /** A form POST without a bearer token (the OAuth token endpoint). */
    public JsonNode postForm(String uri, org.springframework.util.MultiValueMap<String, String> form, String what) {
        calls.incrementAndGet();
        try {
            return rest.post().uri(uri).contentType(MediaType.APPLICATION_FORM_URLENCODED).body(form)
                    .exchange((req, res) -> {
                        int status = res.getStatusCode().value();
                        byte[] bytes = res.getBody().readAllBytes();
                        if (status >= 200 && status < 300) {
                            return json.readTree(bytes);
                        }
                        // the token endpoint answers a bad client with 400 invalid_client: that is a refused login
                        throw status == 400 ? new CrmException(Kind.UNAUTHORIZED, what + ": the CRM refused the client credentials (400)")
                                : failure(status, res.getHeaders().getFirst("Retry-After"), what);
                    });
        } catch (ResourceAccessException e) {
            throw new CrmException(Kind.FAILED, what + ": CRM unreachable (" + rootName(e) + ")");
        }
    }

    private CrmException failure(int status, String retryAfter, String what) {
        if (status == 401 || status == 403) {
            return new CrmException(Kind.UNAUTHORIZED, what + ": the CRM refused the token (" + status + ")");
        }
        if (status == 429) {
            return new CrmException(Kind.RATE_LIMITED, what + ": rate limited (429)", RetryAfter.parse(retryAfter, clock));
        }
        if (status == 408 || status >= 500) {
            return new CrmException(Kind.FAILED, what + ": the CRM answered " + status);
        }
        return new CrmException(Kind.REJECTED, what + ": the CRM refused the request (" + status + ")");
    }

    private static String rootName(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName();
    }
}
