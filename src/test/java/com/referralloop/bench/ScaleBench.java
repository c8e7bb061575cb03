package com.referralloop.bench;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
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
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.bson.Document;

/**
 * Several instances on one MongoDB: a standalone wire-protocol server process, three app JVMs pointing
 * MONGODB_URI at it, N promoter answers spread round-robin across them, deliveries to one fake Slack API.
 * Checks every follow-up is posted exactly once, and samples ShedLock's lock documents to count the runs
 * of each scheduled job per period.
 *
 * <p>Usage: {@code bench/run-scale.sh [responses=10000] [instances=3]}
 */
public final class ScaleBench {

    static final Pattern FOLLOW_UP_ID = Pattern.compile("\"value\"\\s*:\\s*\"(F[A-Z0-9]{6,})\"");

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int instances = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        int owners = 1000;
        FakeSlackApi slack = FakeSlackApi.shared();
        Path dir = Files.createTempDirectory("referral-scale");
        int basePort = 18200 + (int) (ProcessHandle.current().pid() % 700);
        int mongoPort = basePort + 50;

        Process mongo = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
                "-XX:+UseSerialGC", "-cp", AppProcess.classpath(), MongoWireServer.class.getName(), Integer.toString(mongoPort))
                .redirectErrorStream(true).redirectOutput(dir.resolve("mongo.log").toFile()).start();
        List<AppProcess> apps = new ArrayList<>();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        String uri = "mongodb://127.0.0.1:" + mongoPort + "/referral";
        try (MongoClient client = MongoClients.create(uri)) {
            MongoDatabase db = client.getDatabase("referral");
            Instant t0 = Instant.now();
            for (int i = 0; i < instances; i++) {
                Map<String, String> env = Map.of(
                        "MONGODB_URI", uri,
                        "SLACK_BOT_TOKEN", "xoxb-scale-bench",
                        "SLACK_SIGNING_SECRET", SlackRequestSigner.SECRET,
                        "SLACK_API_URL", slack.apiUrl(),
                        "SLACK_DEFAULT_CHANNEL", "CUNASSIGNED",
                        "FEEDBACK_WEBHOOK_SECRET", WebhookSigner.SECRET,
                        "REFERRAL_SLA_CHECK_INTERVAL", "5s",
                        // an external store is production: the API answers only with the token
                        "REFERRAL_API_TOKEN", "scale-bench-api-token");
                apps.add(AppProcess.start(basePort + i, env, dir.resolve("app" + i + ".log"),
                        List.of("-Xmx384m", "-Dreferral.slack.channel-interval=1ms", "-Dreferral.sla.initial-delay=2s",
                                "-Dreferral.sla.review-check-interval=5s"),
                        Duration.ofSeconds(240)));
            }
            System.out.printf("%d instances up in %d ms (pids %s)%n", instances, Duration.between(t0, Instant.now()).toMillis(),
                    apps.stream().map(a -> Long.toString(a.pid())).toList());

            StringBuilder csv = new StringBuilder("account_id,account_name,owner_email,owner_slack_id,owner_discord_id,manager_email,cs_channel,contact_email,contact_name\n");
            for (int i = 0; i < owners; i++) {
                csv.append("A-%d,Account %d,owner%d@vendor.example,UOWN%d,,,,contact%d@customer.example,Contact %d%n".formatted(i, i, i, i, i, i));
            }
            LoadBench.send(http, apps.get(0).base() + "/api/accounts/import", "text/csv", csv.toString(),
                    Map.of("Authorization", "Bearer scale-bench-api-token"));
            slack.reset();

            // sample ShedLock's documents while the run goes on
            Map<String, Set<String>> lockRuns = new ConcurrentHashMap<>();
            Thread sampler = new Thread(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    try {
                        for (Document d : db.getCollection("shedLock").find()) {
                            Date at = d.getDate("lockedAt");
                            lockRuns.computeIfAbsent(d.getString("_id"), k -> new TreeSet<>())
                                    .add((at == null ? "?" : at.toInstant().toString()) + " by " + d.getString("lockedBy"));
                        }
                        Thread.sleep(300);
                    } catch (InterruptedException e) {
                        return;
                    } catch (RuntimeException e) {
                        // keep sampling
                    }
                }
            }, "shedlock-sampler");
            sampler.setDaemon(true);
            sampler.start();

            Instant t1 = Instant.now();
            ExecutorService pool = Executors.newFixedThreadPool(12);
            AtomicLong errors = new AtomicLong();
            Map<Integer, AtomicLong> perInstance = new ConcurrentHashMap<>();
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int k = i;
                futures.add(pool.submit(() -> {
                    int inst = k % instances;
                    String body = "{\"responseId\":\"s-%d\",\"source\":\"nps\",\"score\":%d,\"comment\":\"c%d\",\"email\":\"contact%d@customer.example\"}"
                            .formatted(k, 9 + k % 2, k, k % owners);
                    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(apps.get(inst).base() + "/webhooks/feedback"))
                            .timeout(Duration.ofSeconds(60)).header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(body));
                    WebhookSigner.headers(body).forEach(b::header);
                    try {
                        int status = http.send(b.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
                        if (status != 202) {
                            errors.incrementAndGet();
                        } else {
                            perInstance.computeIfAbsent(inst, x -> new AtomicLong()).incrementAndGet();
                        }
                    } catch (Exception e) {
                        errors.incrementAndGet();
                    }
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
            pool.shutdown();
            Duration ingest = Duration.between(t1, Instant.now());
            System.out.printf("%d responses sent in %d ms (%.0f/s), accepted per instance %s, errors %d%n", n, ingest.toMillis(),
                    n * 1000.0 / ingest.toMillis(), new TreeMap<>(perInstance), errors.get());

            Instant until = Instant.now().plusSeconds(600);
            long followUps = 0;
            Map<String, Long> posted = Map.of();
            while (Instant.now().isBefore(until)) {
                followUps = db.getCollection("followups").countDocuments();
                posted = postsPerFollowUp(slack);
                if (followUps >= n && posted.size() >= n) {
                    break;
                }
                Thread.sleep(1000);
            }
            Duration all = Duration.between(t1, Instant.now());
            Thread.sleep(3000);
            posted = postsPerFollowUp(slack);
            long doubles = posted.values().stream().filter(c -> c > 1).count();
            long sentByOutbox = db.getCollection("outbox").countDocuments(new Document("state", "SENT"));
            System.out.printf("follow-ups in MongoDB: %d; distinct follow-ups posted to Slack: %d; posted more than once: %d; "
                    + "chat.postMessage calls: %d; outbox SENT: %d; all delivered %d ms after the first request%n",
                    followUps, posted.size(), doubles, slack.calls("chat.postMessage").size(), sentByOutbox, all.toMillis());
            // who sent what: the outbox records the worker that claimed each message, if it does
            sampler.interrupt();
            System.out.println("ShedLock runs seen (lockedAt by instance) per job:");
            lockRuns.forEach((job, runs) -> {
                System.out.printf("  %s: %d distinct runs%n", job, runs.size());
                runs.stream().limit(40).forEach(r -> System.out.println("    " + r));
            });
            System.out.println("logs in " + dir);
        } finally {
            for (AppProcess a : apps) {
                a.close();
            }
            mongo.destroy();
        }
        // the fake Slack API's server threads would keep the JVM alive
        System.exit(0);
    }

    static Map<String, Long> postsPerFollowUp(FakeSlackApi slack) {
        Map<String, Long> counts = new ConcurrentHashMap<>();
        for (FakeSlackApi.Call c : slack.calls("chat.postMessage")) {
            String blocks = c.param("blocks");
            if (blocks == null) {
                continue;
            }
            Matcher m = FOLLOW_UP_ID.matcher(blocks);
            if (m.find()) {
                counts.merge(m.group(1), 1L, Long::sum);
            }
        }
        return counts;
    }
}
