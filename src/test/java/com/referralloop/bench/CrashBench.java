package com.referralloop.bench;

import com.referralloop.support.FakeSlackApi;
import com.referralloop.support.SlackRequestSigner;
import com.referralloop.support.WebhookSigner;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import tools.jackson.databind.json.JsonMapper;

/**
 * SIGKILL in mid-delivery: the real app as its own JVM on an H2 data dir, N promoter answers for N owners
 * (one Slack DM each), killed with SIGKILL once a share of the posts reached the fake Slack API, started
 * again on the same data dir; then every owner must have had their post, and we count doubles.
 * Also checks that with REFERRAL_LOG_FORMAT=ecs every log line is JSON.
 *
 * <p>Usage: {@code bench/run-crash.sh [n=300] [killAtShare=0.3]}
 */
public final class CrashBench {

    static final JsonMapper JSON = JsonMapper.builder().build();

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 300;
        double killAt = args.length > 1 ? Double.parseDouble(args[1]) : 0.3;
        FakeSlackApi slack = FakeSlackApi.shared();
        Path dir = Files.createTempDirectory("referral-crash");
        int port = 18000 + (int) (ProcessHandle.current().pid() % 1000);
        Map<String, String> env = Map.of(
                "REFERRAL_DATA_DIR", dir.resolve("data").toString(),
                "SLACK_BOT_TOKEN", "xoxb-crash-bench",
                "SLACK_SIGNING_SECRET", SlackRequestSigner.SECRET,
                "SLACK_API_URL", slack.apiUrl(),
                "SLACK_DEFAULT_CHANNEL", "CUNASSIGNED",
                "FEEDBACK_WEBHOOK_SECRET", WebhookSigner.SECRET,
                "REFERRAL_LOG_FORMAT", "ecs");
        List<String> jvm = List.of("-Xmx384m", "-Dreferral.slack.channel-interval=1ms", "-Dreferral.outbox.lease=10s",
                "-Dreferral.followup.sweep-interval=2s");
        HttpClient http = HttpClient.newHttpClient();

        Instant t0 = Instant.now();
        AppProcess first = AppProcess.start(port, env, dir.resolve("run1.log"), jvm, Duration.ofSeconds(120));
        System.out.printf("first start: %d ms (pid %d)%n", Duration.between(t0, Instant.now()).toMillis(), first.pid());
        StringBuilder csv = new StringBuilder("account_id,account_name,owner_email,owner_slack_id,owner_discord_id,manager_email,cs_channel,contact_email,contact_name\n");
        for (int i = 0; i < n; i++) {
            csv.append("A-%d,Account %d,owner%d@vendor.example,UOWN%d,,,,contact%d@customer.example,Contact %d%n".formatted(i, i, i, i, i, i));
        }
        HttpResponse<String> imported = http.send(HttpRequest.newBuilder(URI.create(first.base() + "/api/accounts/import"))
                .header("Content-Type", "text/csv").POST(HttpRequest.BodyPublishers.ofString(csv.toString())).build(),
                HttpResponse.BodyHandlers.ofString());
        require(imported.statusCode() == 200, "import: " + imported.statusCode() + " " + imported.body());
        slack.reset();

        // N signed promoter answers, 4 at a time
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<Integer>> sent = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            int k = i;
            sent.add(pool.submit(() -> {
                String body = "{\"responseId\":\"crash-%d\",\"source\":\"nps\",\"score\":10,\"comment\":\"c%d\",\"email\":\"contact%d@customer.example\"}"
                        .formatted(k, k, k);
                HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(first.base() + "/webhooks/feedback"))
                        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
                WebhookSigner.headers(body).forEach(b::header);
                return http.send(b.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
            }));
        }
        for (Future<Integer> f : sent) {
            require(f.get() == 202, "webhook answered " + f.get());
        }
        pool.shutdown();
        System.out.printf("%d webhooks accepted (202)%n", n);

        // kill -9 once a share of the posts is out
        Instant waitUntil = Instant.now().plusSeconds(120);
        while (posts(slack) < n * killAt && Instant.now().isBefore(waitUntil)) {
            Thread.sleep(5);
        }
        int atKill = posts(slack);
        first.kill();
        Thread.sleep(200);
        int afterKill = posts(slack);
        System.out.printf("SIGKILL with %d of %d posted (%d in flight landed after the kill)%n", atKill, n, afterKill - atKill);

        Instant t1 = Instant.now();
        AppProcess second = AppProcess.start(port, env, dir.resolve("run2.log"), jvm, Duration.ofSeconds(120));
        System.out.printf("restart: %d ms%n", Duration.between(t1, Instant.now()).toMillis());
        Instant until = Instant.now().plusSeconds(120);
        while (delivered(slack).size() < n && Instant.now().isBefore(until)) {
            Thread.sleep(100);
        }
        Duration recovery = Duration.between(t1, Instant.now());
        Map<String, Long> perOwner = delivered(slack);
        Map<String, Long> doubles = perOwner.entrySet().stream().filter(e -> e.getValue() > 1)
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, TreeMap::new));
        long missing = n - perOwner.size();
        System.out.printf("after restart: %d of %d owners got their follow-up (%d missing), %d doubled %s; all delivered %d ms after restart began%n",
                perOwner.size(), n, missing, doubles.size(), doubles.keySet(), recovery.toMillis());
        second.close();

        // JSON logs
        long lines = 0;
        long json = 0;
        List<String> notJson = new java.util.ArrayList<>();
        for (String line : Files.readAllLines(dir.resolve("run1.log"))) {
            if (line.isBlank()) {
                continue;
            }
            lines++;
            try {
                if (JSON.readTree(line).has("@timestamp")) {
                    json++;
                    continue;
                }
            } catch (RuntimeException notJsonLine) {
                // counted below
            }
            notJson.add(line);
        }
        System.out.printf("ecs log: %d of %d lines are JSON with @timestamp; others: %s%n", json, lines,
                notJson.stream().limit(5).toList());
        System.out.println("data and logs in " + dir);
        // the fake Slack API's server threads would keep the JVM alive
        System.exit(missing > 0 || json == 0 ? 1 : 0);
    }

    /** Posts per DM channel (one owner each). */
    static Map<String, Long> delivered(FakeSlackApi slack) {
        return slack.calls("chat.postMessage").stream().map(c -> c.param("channel"))
                .filter(c -> c != null && c.startsWith("DUOWN"))
                .collect(Collectors.groupingBy(c -> c, Collectors.counting()));
    }

    static int posts(FakeSlackApi slack) {
        return slack.calls("chat.postMessage").size();
    }

    static void require(boolean ok, String what) {
        if (!ok) {
            throw new IllegalStateException(what);
        }
    }
}
