package com.referralloop.bench;

import com.referralloop.support.FakeSlackApi;
import com.referralloop.support.SlackRequestSigner;
import com.referralloop.support.WebhookSigner;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Mixed traffic at a fixed arrival rate (open loop) against one app JVM on loopback: signed generic
 * webhooks (promoters, each a new follow-up delivered to the fake Slack API), signed /followup slash
 * commands, and signed button clicks on follow-ups that exist. Prints errors, p50/p99 per kind and heap.
 *
 * <p>Usage: {@code bench/run-load.sh [ratePerSecond=500] [seconds=60]}
 */
public final class LoadBench {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final int OWNERS = 200;

    public static void main(String[] args) throws Exception {
        int rate = args.length > 0 ? Integer.parseInt(args[0]) : 500;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 60;
        FakeSlackApi slack = FakeSlackApi.shared();
        Path dir = Files.createTempDirectory("referral-load");
        int port = 18100 + (int) (ProcessHandle.current().pid() % 900);
        for (int i = 0; i < OWNERS; i++) {
            slack.user("UOWN" + i, "owner" + i + "@vendor.example");
        }
        Map<String, String> env = Map.of(
                "REFERRAL_DATA_DIR", dir.resolve("data").toString(),
                "SLACK_BOT_TOKEN", "xoxb-load-bench",
                "SLACK_SIGNING_SECRET", SlackRequestSigner.SECRET,
                "SLACK_API_URL", slack.apiUrl(),
                "SLACK_DEFAULT_CHANNEL", "CUNASSIGNED",
                "FEEDBACK_WEBHOOK_SECRET", WebhookSigner.SECRET);
        String heap = System.getProperty("bench.app.heap", "512m");
        List<String> jvm = new java.util.ArrayList<>(List.of("-Xmx" + heap, "-Dreferral.slack.channel-interval=1ms"));
        // extra options for the app JVM, e.g. -Dbench.app.jvm="-XX:StartFlightRecording=filename=/tmp/app.jfr"
        String extra = System.getProperty("bench.app.jvm", "").trim();
        if (!extra.isEmpty()) {
            jvm.addAll(List.of(extra.split("\\s+")));
        }
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

        try (AppProcess app = AppProcess.start(port, env, dir.resolve("app.log"), jvm, Duration.ofSeconds(180))) {
            StringBuilder csv = new StringBuilder("account_id,account_name,owner_email,owner_slack_id,owner_discord_id,manager_email,cs_channel,contact_email,contact_name\n");
            for (int i = 0; i < OWNERS; i++) {
                csv.append("A-%d,Account %d,owner%d@vendor.example,UOWN%d,,,,contact%d@customer.example,Contact %d%n".formatted(i, i, i, i, i, i));
            }
            send(http, app.base() + "/api/accounts/import", "text/csv", csv.toString(), Map.of());
            // follow-ups to click on: one per owner, delivered so their ids are known
            for (int i = 0; i < OWNERS; i++) {
                send(http, app.base() + "/webhooks/feedback", "application/json", webhook("seed-" + i, i), null);
            }
            Map<Integer, String> followUps = awaitFollowUps(http, app.base(), OWNERS);
            System.out.printf("seeded %d follow-ups; warm-up 5 s at %d/s%n", followUps.size(), Math.min(rate, 100));
            run(http, app.base(), followUps, Math.min(rate, 100), 5, false);
            long before = slack.calls("chat.postMessage").size();
            Result r = run(http, app.base(), followUps, rate, seconds, true);
            r.print(rate, seconds);
            // the webhooks' follow-ups reach Slack
            long expected = r.ok.get("webhook").get();
            long deadline = System.currentTimeMillis() + 120_000;
            while (slack.calls("chat.postMessage").size() - before < expected && System.currentTimeMillis() < deadline) {
                Thread.sleep(200);
            }
            System.out.printf("follow-ups posted to the fake Slack from the measured webhooks: %d of %d%n",
                    slack.calls("chat.postMessage").size() - before, expected);
            System.out.printf("heap used at the end: %.0f MiB (max sampled during the run %.0f MiB, -Xmx%s)%n",
                    heapUsed(http, app.base()) / 1048576.0, r.maxHeap / 1048576.0, heap);
            System.out.println("app log: " + dir.resolve("app.log"));
        }
        // the fake Slack API's server threads would keep the JVM alive
        System.exit(0);
    }

    /** Outcomes of one run. */
    static final class Result {
        final Map<String, AtomicLong> ok = new ConcurrentHashMap<>();
        final Map<String, AtomicLong> errors = new ConcurrentHashMap<>();
        final Map<String, ConcurrentLinkedQueue<Long>> micros = new ConcurrentHashMap<>();
        final ConcurrentLinkedQueue<String> samples = new ConcurrentLinkedQueue<>();
        volatile double maxHeap;
        long sendLagMaxMs;
        long wallMs;

        void record(String kind, long startNanos, int status, Throwable error) {
            long us = (System.nanoTime() - startNanos) / 1000;
            micros.computeIfAbsent(kind, k -> new ConcurrentLinkedQueue<>()).add(us);
            if (error == null && status >= 200 && status < 300) {
                ok.computeIfAbsent(kind, k -> new AtomicLong()).incrementAndGet();
            } else {
                errors.computeIfAbsent(kind, k -> new AtomicLong()).incrementAndGet();
                if (samples.size() < 5) {
                    samples.add(kind + ": " + (error != null ? error.toString() : "HTTP " + status));
                }
            }
        }

        void print(int rate, int seconds) {
            long total = 0;
            long errs = 0;
            for (String kind : List.of("webhook", "command", "click")) {
                List<Long> l = new ArrayList<>(micros.getOrDefault(kind, new ConcurrentLinkedQueue<>()));
                Collections.sort(l);
                long e = errors.getOrDefault(kind, new AtomicLong()).get();
                total += l.size();
                errs += e;
                System.out.printf("%-8s n=%6d errors=%d p50=%6.1f ms p99=%7.1f ms max=%7.1f ms%n", kind, l.size(), e,
                        pct(l, 0.50) / 1000.0, pct(l, 0.99) / 1000.0, l.isEmpty() ? 0 : l.get(l.size() - 1) / 1000.0);
            }
            System.out.printf("total %d requests in %d ms = %.0f/s (target %d/s for %d s), errors %d %s; sender lag max %d ms%n",
                    total, wallMs, total * 1000.0 / wallMs, rate, seconds, errs, samples, sendLagMaxMs);
        }
    }

    static Result run(HttpClient http, String base, Map<Integer, String> followUps, int rate, int seconds, boolean measure)
            throws Exception {
        Result r = new Result();
        int n = rate * seconds;
        CountDownLatch done = new CountDownLatch(n);
        AtomicInteger seq = new AtomicInteger();
        String[] clickActions = {"followup.ack", "followup.show-comment"};
        long start = System.nanoTime();
        long nextHeapSample = start;
        for (int i = 0; i < n; i++) {
            long due = start + (long) (i * 1e9 / rate);
            long now;
            while ((now = System.nanoTime()) < due) {
                long sleepNs = due - now;
                if (sleepNs > 1_000_000) {
                    Thread.sleep(sleepNs / 1_000_000);
                } else {
                    Thread.onSpinWait();
                }
            }
            r.sendLagMaxMs = Math.max(r.sendLagMaxMs, (now - due) / 1_000_000);
            if (measure && now > nextHeapSample) {
                nextHeapSample = now + 2_000_000_000L;
                http.sendAsync(HttpRequest.newBuilder(URI.create(base + "/actuator/metrics/jvm.memory.used?tag=area:heap")).build(),
                        HttpResponse.BodyHandlers.ofString()).thenAccept(resp -> {
                            double v = JSON.readTree(resp.body()).path("measurements").path(0).path("value").asDouble();
                            r.maxHeap = Math.max(r.maxHeap, v);
                        });
            }
            int k = seq.incrementAndGet();
            int owner = k % OWNERS;
            String kind;
            HttpRequest req;
            int mix = k % 10;
            if (mix < 4) {
                kind = "webhook";
                String body = webhook((measure ? "m-" : "w-") + k, owner);
                HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + "/webhooks/feedback")).timeout(Duration.ofSeconds(30))
                        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
                WebhookSigner.headers(body).forEach(b::header);
                req = b.build();
            } else if (mix < 8) {
                kind = "command";
                req = slack(base, form(Map.of("command", "/followup", "text", k % 2 == 0 ? "list" : "help", "user_id", "UOWN" + owner,
                        "user_name", "owner" + owner, "team_id", "T0001", "channel_id", "CWORK", "api_app_id", "A0001",
                        "trigger_id", "t-" + k, "response_url", "http://127.0.0.1:9/unused")));
            } else {
                kind = "click";
                String payload = """
                        {"type":"block_actions","team":{"id":"T0001","domain":"fake"},"user":{"id":"UOWN%d","username":"o","name":"o","team_id":"T0001"},\
                        "api_app_id":"A0001","token":"legacy","trigger_id":"t-%d","container":{"type":"message","message_ts":"1700000000.000001","channel_id":"DUOWN%d"},\
                        "channel":{"id":"DUOWN%d","name":"directmessage"},"response_url":"http://127.0.0.1:9/unused",\
                        "actions":[{"action_id":"%s","block_id":"b","value":"%s","type":"button","action_ts":"1700000001.000000","text":{"type":"plain_text","text":"x"}}]}"""
                        .formatted(owner, k, owner, owner, clickActions[k % 2], followUps.getOrDefault(owner,
                                followUps.values().iterator().next()));
                req = slack(base, form(Map.of("payload", payload)));
            }
            long t = System.nanoTime();
            http.sendAsync(req, HttpResponse.BodyHandlers.discarding()).whenComplete((resp, err) -> {
                r.record(kind, t, resp == null ? 0 : resp.statusCode(), err);
                done.countDown();
            });
        }
        done.await(120, java.util.concurrent.TimeUnit.SECONDS);
        r.wallMs = (System.nanoTime() - start) / 1_000_000;
        return r;
    }

    static HttpRequest slack(String base, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + "/slack/events")).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(body));
        SlackRequestSigner.headers(body).forEach(b::header);
        return b.build();
    }

    static String webhook(String id, int owner) {
        return "{\"responseId\":\"%s\",\"source\":\"nps\",\"score\":10,\"comment\":\"Great 🚀\",\"email\":\"contact%d@customer.example\"}"
                .formatted(id, owner);
    }

    static void send(HttpClient http, String url, String type, String body, Map<String, String> headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", type)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        (headers == null ? WebhookSigner.headers(body) : headers).forEach(b::header);
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() / 100 != 2) {
            throw new IllegalStateException(url + " answered " + r.statusCode() + ": " + r.body());
        }
    }

    /** Follow-up id by owner number, from GET /api/followups once all exist. */
    static Map<Integer, String> awaitFollowUps(HttpClient http, String base, int n) throws Exception {
        Pattern owner = Pattern.compile("owner(\\d+)@");
        long deadline = System.currentTimeMillis() + 120_000;
        while (true) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/followups?limit=500")).build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode list = JSON.readTree(r.body());
            JsonNode items = list.isArray() ? list : list.path("items").isArray() ? list.path("items") : list.path("content");
            Map<Integer, String> ids = new ConcurrentHashMap<>();
            for (JsonNode f : items) {
                Matcher m = owner.matcher(f.path("ownerEmail").asString(""));
                if (m.find()) {
                    ids.put(Integer.parseInt(m.group(1)), f.path("id").asString());
                }
            }
            if (ids.size() >= n || System.currentTimeMillis() > deadline) {
                return ids;
            }
            Thread.sleep(500);
        }
    }

    static double heapUsed(HttpClient http, String base) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/actuator/metrics/jvm.memory.used?tag=area:heap")).build(),
                HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(r.body()).path("measurements").path(0).path("value").asDouble();
    }

    static long pct(List<Long> sorted, double p) {
        return sorted.isEmpty() ? 0 : sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1));
    }

    static String form(Map<String, String> p) {
        return p.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    }
}
