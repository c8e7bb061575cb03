package com.referralloop.crm;

import com.referralloop.crm.CrmException.Kind;
import com.referralloop.support.RetryAfter;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.util.MultiValueMap;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * JSON over HTTP for the CRM adapters (Spring's RestClient on the JDK client, Jackson for the bodies), with
 * the answers sorted into {@link CrmException} kinds: 401/403 refused token, 429 (and 503 with Retry-After)
 * rate limit, 408/5xx/unreachable worth a retry, any other 4xx rejected. Error texts carry the status and at
 * most the CRM's error code, never a body, a token or a URL query (which may hold an email address). After a
 * rate limit no call goes out, from any thread, until the CRM's Retry-After is over: each is refused at once
 * as rate limited with the time left, so the writes wait in the outbox (no thread sleeps) and the sync waits.
 * Calls go one at a time: a call sent while another is on its way cannot know of the 429 that one may bring
 * back, and would reach the CRM inside its Retry-After.
 */
public class CrmHttp {

    /** An adapter's look at every answer before it is sorted: CRM-specific headers and error codes. */
    public interface Answers {

        Answers NONE = new Answers() { };

        /** Called with every answer; may throw its own CrmException (e.g. for an error code in the body). */
        default void inspect(int status, HttpHeaders headers, byte[] body, String what) {
        }

        /** Called on the call's turn, just before it is sent; may refuse it with a CrmException (a usage pause). */
        default void admit(String what) {
        }

        /** A short detail of an error answer for the message (the CRM's error code, never personal data), or null. */
        default String detail(byte[] body) {
            return null;
        }
    }

    private final RestClient rest;
    private final ObjectMapper json;
    private final Clock clock;
    private final Answers answers;
    /** How long a call waits for the one on its way; then it is refused as busy (an outbox lane is not held long). */
    static final Duration MAX_WAIT_FOR_TURN = Duration.ofSeconds(1);
    /** When a call refused as busy is worth trying again. */
    static final Duration BUSY_RETRY = Duration.ofSeconds(1);

    private final AtomicLong calls = new AtomicLong();
    /** Held while a call is on its way (fair: lanes and the sync take turns). */
    private final ReentrantLock turn = new ReentrantLock(true);
    /** System.nanoTime() before which the CRM asked for quiet (monotonic: no test clock or clock step moves it). */
    private final AtomicLong quietUntilNanos = new AtomicLong(System.nanoTime());

    public CrmHttp(String baseUrl, Duration timeout, ObjectMapper json, Clock clock) {
        this(baseUrl, timeout, json, clock, Answers.NONE);
    }

    public CrmHttp(String baseUrl, Duration timeout, ObjectMapper json, Clock clock, Answers answers) {
        JdkClientHttpRequestFactory factory = new JdkClientHttpRequestFactory(
                HttpClient.newBuilder().connectTimeout(timeout).build());
        factory.setReadTimeout(timeout);
        this.rest = RestClient.builder().baseUrl(baseUrl).requestFactory(factory).build();
        this.json = json;
        this.clock = clock;
        this.answers = answers;
    }

    public ObjectMapper json() {
        return json;
    }

    public long calls() {
        return calls.get();
    }

    /** Sends a JSON body (or none) with a bearer token; returns the answer's JSON (an empty object for none). */
    public JsonNode call(HttpMethod method, String uri, Object body, Supplier<String> bearer, String what) {
        return send(rest.method(method).uri(uri), body, bearer, what);
    }

    /** The same to an absolute URI taken as it is (already encoded: no template expansion, no second encoding). */
    public JsonNode call(HttpMethod method, URI uri, Object body, Supplier<String> bearer, String what) {
        return send(rest.method(method).uri(uri), body, bearer, what);
    }

    private JsonNode send(RestClient.RequestBodySpec request, Object body, Supplier<String> bearer, String what) {
        return onItsTurn(what, () -> {
            answers.admit(what);
            calls.incrementAndGet();
            return exchange(request, body, bearer, what);
        });
    }

    private JsonNode exchange(RestClient.RequestBodySpec request, Object body, Supplier<String> bearer, String what) {
        request.header("Authorization", "Bearer " + bearer.get()).accept(MediaType.APPLICATION_JSON);
        if (body != null) {
            request.contentType(MediaType.APPLICATION_JSON).body(body instanceof String s ? s : json.writeValueAsString(body));
        }
        try {
            return request.exchange((req, res) -> {
                int status = res.getStatusCode().value();
                byte[] bytes = res.getBody().readAllBytes();
                answers.inspect(status, res.getHeaders(), bytes, what);
                if (status >= 200 && status < 300) {
                    return bytes.length == 0 ? json.createObjectNode() : json.readTree(bytes);
                }
                throw failure(status, res.getHeaders().getFirst("Retry-After"), what, answers.detail(bytes));
            });
        } catch (ResourceAccessException e) {
            throw new CrmException(Kind.FAILED, what + ": CRM unreachable (" + rootName(e) + ")");
        } catch (JacksonException e) {
            throw new CrmException(Kind.FAILED, what + ": the CRM's answer is not JSON");
        }
    }

    /** A form POST without a bearer token (the OAuth token endpoint). */
    public JsonNode postForm(String uri, MultiValueMap<String, String> form, String what) {
        return onItsTurn(what, () -> {
            calls.incrementAndGet();
            return exchangeForm(uri, form, what);
        });
    }

    private JsonNode exchangeForm(String uri, MultiValueMap<String, String> form, String what) {
        try {
            return rest.post().uri(uri).contentType(MediaType.APPLICATION_FORM_URLENCODED).body(form)
                    .exchange((req, res) -> {
                        int status = res.getStatusCode().value();
                        byte[] bytes = res.getBody().readAllBytes();
                        if (status >= 200 && status < 300) {
                            return json.readTree(bytes);
                        }
                        // the token endpoint answers a bad client with 400 invalid_client: that is a refused login
                        throw status == 400 ? new CrmException(Kind.UNAUTHORIZED, what + ": the CRM refused the client credentials (400"
                                + oauthError(bytes) + ")")
                                : failure(status, res.getHeaders().getFirst("Retry-After"), what, null);
                    });
        } catch (ResourceAccessException e) {
            throw new CrmException(Kind.FAILED, what + ": CRM unreachable (" + rootName(e) + ")");
        } catch (JacksonException e) {
            throw new CrmException(Kind.FAILED, what + ": the CRM's answer is not JSON");
        }
    }

    /** The OAuth error code ("invalid_client", "invalid_grant"): standard words, safe to log. */
    private String oauthError(byte[] body) {
        try {
            String code = json.readTree(body).path("error").asString("");
            return code.matches("[a-z_]{1,40}") ? " " + code : "";
        } catch (JacksonException notJson) {
            return "";
        }
    }

    /**
     * Sends the call once no other is on its way and the last Retry-After is over; both are checked on its turn,
     * so an answer that came back while it waited counts.
     */
    private JsonNode onItsTurn(String what, Supplier<JsonNode> call) {
        awaitQuiet(what); // no waiting for a turn that could not be used
        boolean mine;
        try {
            mine = turn.tryLock(MAX_WAIT_FOR_TURN.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CrmException(Kind.FAILED, what + ": interrupted while waiting for its turn");
        }
        if (!mine) {
            throw new CrmException(Kind.RATE_LIMITED, what + ": not sent, another call to the CRM is still on its way",
                    BUSY_RETRY);
        }
        try {
            awaitQuiet(what);
            return call.get();
        } finally {
            turn.unlock();
        }
    }

    /** Refuses the call, without sending it, while the last rate limit's Retry-After is not over. */
    private void awaitQuiet(String what) {
        long left = quietUntilNanos.get() - System.nanoTime();
        if (left > 0) {
            throw new CrmException(Kind.RATE_LIMITED, what + ": not sent, the CRM's Retry-After is not over",
                    Duration.ofNanos(left));
        }
    }

    /** The CRM asked for quiet: no call of this client goes out before {@code wait} is over. */
    private void quietFor(Duration wait) {
        long until = System.nanoTime() + wait.toNanos();
        quietUntilNanos.accumulateAndGet(until, (a, b) -> a - b > 0 ? a : b);
    }

    private CrmException failure(int status, String retryAfter, String what, String detail) {
        String code = detail == null || detail.isBlank() ? Integer.toString(status) : status + " " + detail;
        if (status == 401 || status == 403) {
            return new CrmException(Kind.UNAUTHORIZED, what + ": the CRM refused the token (" + code + ")", null, status);
        }
        if (status == 429 || (status == 503 && retryAfter != null)) {
            Duration wait = RetryAfter.parse(retryAfter, clock);
            quietFor(wait);
            return new CrmException(Kind.RATE_LIMITED, what + ": rate limited (" + code + ")", wait, status);
        }
        if (status == 408 || status >= 500) {
            return new CrmException(Kind.FAILED, what + ": the CRM answered " + code, null, status);
        }
        return new CrmException(Kind.REJECTED, what + ": the CRM refused the request (" + code + ")", null, status);
    }

    private static String rootName(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName();
    }
}
