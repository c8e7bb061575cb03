package com.referralloop.bench;

import com.referralloop.support.FakeSlackApi;
import com.referralloop.support.SlackRequestSigner;
import com.referralloop.support.WebhookSigner;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;

/**
 * The operations measured against the app process, each as a {@link Measurement.Call}: signed slash commands
 * (latency until the answer: in the acknowledgement, or through response_url when it came later), App Home
 * (until views.publish reached the fake Slack API), the dashboard's JSON endpoints, the first page of
 * {@code GET /api/followups}, and a promoter answer (until its chat.postMessage reached the fake).
 */
final class DataScaleOps {

    static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(Integer.getInteger("bench.answer-timeout-s", 120));
    static final List<String> DASHBOARD = List.of("", "/nps", "/nps-weekly", "/funnel", "/sla", "/time-to-impact", "/owners",
            "/top-references", "/referral-trees");

    private final HttpClient http;
    private final String base;
    private final FakeSlackApi slack;
    private final String apiToken;
    private final String run;
    private final AtomicInteger seq = new AtomicInteger();

    DataScaleOps(HttpClient http, String base, FakeSlackApi slack, String apiToken, String run) {
        this.http = http;
        this.base = base;
        this.slack = slack;
        this.apiToken = apiToken;
        this.run = run;
    }

    /** The rep's contacts in a fixed order: the consent command records consent for them, the ask command asks them. */
    static String repContact(int k) {
        int n = Math.floorMod(k, SeedDocuments.REP_ACCOUNTS * SeedDocuments.CONTACTS);
        return SeedDocuments.contactEmail(n / SeedDocuments.CONTACTS, n % SeedDocuments.CONTACTS);
    }

    /** Every measured operation by name, in the order they run (writes that change later reads come last). */
    Map<String, Measurement.Call> all() {
        Map<String, Measurement.Call> ops = new LinkedHashMap<>();
        ops.put("/followup list", command("/followup", k -> "list", t -> t.contains("follow-ups")));
        ops.put("/testimonial list", command("/testimonial", k -> "list", t -> t.startsWith("Testimonials") || t.startsWith("No testimonials")));
        ops.put("/referral status", command("/referral", k -> "status A-" + Math.floorMod(k, SeedDocuments.REP_ACCOUNTS),
                t -> t.contains("Rating:")));
        ops.put("/referral stats", command("/referral", k -> "stats", t -> t.startsWith("Referral program")));
        ops.put("/reference find", command("/reference", k -> "find strength=integration",
                t -> t.contains("best first") || t.contains("can be offered") || t.contains("fits")));
        ops.put("/referral consent", command("/referral", k -> "consent " + repContact(k)
                + " level=active scope=logo,quote,call evidence=data-scale-bench", t -> t.startsWith("Recorded consent")));
        ops.put("/referral ask", command("/referral", k -> "ask " + repContact(k) + " for=Prospect-" + run + "-" + k,
                t -> t.startsWith("Recorded reference request")));
        ops.put("App Home (50 accounts)", this::appHome);
        for (String d : DASHBOARD) {
            ops.put("GET /api/dashboard" + d, k -> get("/api/dashboard" + d + (d.equals("/owners") ? "" : "?period=90d")));
        }
        ops.put("GET /api/followups", k -> get("/api/followups"));
        ops.put("promoter answer -> post", this::promoter);
        return ops;
    }

    static boolean isCommand(String op) {
        return op.startsWith("/");
    }

    private Measurement.Call command(String command, IntFunction<String> text, Predicate<String> expected) {
        return k -> {
            String name = "ds" + seq.incrementAndGet();
            String body = LoadBench.form(Map.ofEntries(Map.entry("token", "legacy"), Map.entry("team_id", "T0001"),
                    Map.entry("team_domain", "fake"), Map.entry("channel_id", "CWORK"), Map.entry("channel_name", "work"),
                    Map.entry("user_id", SeedDocuments.REP_SLACK), Map.entry("user_name", "rep"), Map.entry("command", command),
                    Map.entry("text", text.apply(k)), Map.entry("api_app_id", "A0001"),
                    Map.entry("response_url", slack.responseUrl(name)), Map.entry("trigger_id", "trigger-" + name)));
            Instant start = Instant.now();
            long t0 = System.nanoTime();
            HttpResponse<String> ack = http.send(LoadBench.slack(base, body), HttpResponse.BodyHandlers.ofString());
            long acked = System.nanoTime() - t0;
            if (ack.statusCode() != 200) {
                throw new IllegalStateException(command + " answered HTTP " + ack.statusCode() + ": " + ack.body());
            }
            String shown = ack.body().isBlank() ? null : LoadBench.JSON.readTree(ack.body()).path("text").asString("");
            long latency = acked;
            if (shown == null || shown.isEmpty()) {
                FakeSlackApi.Call late = await("respond:" + name, c -> true, start);
                shown = LoadBench.JSON.readTree(late.body()).path("text").asString("");
                latency = Duration.between(start, late.at()).toNanos();
            }
            if (!expected.test(shown)) {
                throw new IllegalStateException(command + " " + text.apply(k) + " answered: " + cut(shown));
            }
            return latency;
        };
    }

    private long appHome(int k) throws Exception {
        String body = LoadBench.JSON.writeValueAsString(Map.of("token", "legacy", "team_id", "T0001", "api_app_id", "A0001",
                "type", "event_callback", "event_id", "Ev" + run + "x" + seq.incrementAndGet(), "event_time", Instant.now().getEpochSecond(),
                "event", Map.of("type", "app_home_opened", "user", SeedDocuments.REP_SLACK, "channel", "D" + SeedDocuments.REP_SLACK,
                        "tab", "home", "event_ts", "1700000000.000100")));
        Instant start = Instant.now();
        int status = postJson("/slack/events", body, SlackRequestSigner.headers(body));
        if (status != 200) {
            throw new IllegalStateException("app_home_opened answered HTTP " + status);
        }
        FakeSlackApi.Call published = await("views.publish", c -> SeedDocuments.REP_SLACK.equals(c.param("user_id")), start);
        String view = published.param("view");
        if (view == null || !view.contains("Your follow-ups") || !view.contains("open")) {
            throw new IllegalStateException("App Home without the follow-ups: " + cut(view));
        }
        return Duration.between(start, published.at()).toNanos();
    }

    private long get(String path) throws Exception {
        long t0 = System.nanoTime();
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(ANSWER_TIMEOUT)
                .header("Authorization", "Bearer " + apiToken).build(), HttpResponse.BodyHandlers.ofString());
        long latency = System.nanoTime() - t0;
        if (r.statusCode() != 200) {
            throw new IllegalStateException(path + " answered HTTP " + r.statusCode() + ": " + cut(r.body()));
        }
        return latency;
    }

    private long promoter(int k) throws Exception {
        String token = "bench-" + run + "-" + seq.incrementAndGet();
        String body = "{\"responseId\":\"" + token + "\",\"source\":\"nps\",\"score\":10,\"comment\":\"Great, " + token
                + "\",\"email\":\"" + repContact(k) + "\"}";
        Instant start = Instant.now();
        int status = postJson("/webhooks/feedback", body, WebhookSigner.headers(body));
        if (status != 202) {
            throw new IllegalStateException("webhook answered HTTP " + status);
        }
        FakeSlackApi.Call posted = await("chat.postMessage", c -> c.body().contains(token), start);
        return Duration.between(start, posted.at()).toNanos();
    }

    private int postJson(String path, String body, Map<String, String> signature) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(ANSWER_TIMEOUT)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        signature.forEach(b::header);
        return http.send(b.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** The first call of {@code method} after {@code since} that matches. */
    private FakeSlackApi.Call await(String method, Predicate<FakeSlackApi.Call> matching, Instant since) throws InterruptedException {
        long deadline = System.nanoTime() + ANSWER_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            for (FakeSlackApi.Call c : slack.calls(method)) {
                if (!c.at().isBefore(since) && matching.test(c)) {
                    return c;
                }
            }
            Thread.sleep(1);
        }
        throw new IllegalStateException("no " + method + " within " + ANSWER_TIMEOUT);
    }

    /** Documents the app's store returned so far, per collection (its opt-in counter through /actuator/metrics). */
    Map<String, Double> documents() {
        Map<String, Double> out = new LinkedHashMap<>();
        try {
            JsonNode all = metric("");
            if (all == null) {
                return out;
            }
            List<String> collections = new ArrayList<>();
            for (JsonNode tag : all.path("availableTags")) {
                if ("collection".equals(tag.path("tag").asString())) {
                    tag.path("values").forEach(v -> collections.add(v.asString()));
                }
            }
            for (String c : collections) {
                JsonNode one = metric("?tag=collection:" + c);
                out.put(c, one == null ? 0 : one.path("measurements").path(0).path("value").asDouble());
            }
            return out;
        } catch (Exception e) {
            throw new IllegalStateException("could not read the documents counter: " + e, e);
        }
    }

    private JsonNode metric(String query) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/actuator/metrics/referral.store.documents.returned"
                + query)).timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        return r.statusCode() == 404 ? null : LoadBench.JSON.readTree(r.body());
    }

    private static String cut(String s) {
        return s == null ? "null" : s.length() > 300 ? s.substring(0, 300) + "…" : s;
    }
}
