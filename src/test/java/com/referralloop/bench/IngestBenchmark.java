package com.referralloop.bench;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.referralloop.Application;
import com.referralloop.account.AccountInput;
import com.referralloop.account.AccountService;
import com.referralloop.chat.outbox.OutboxMessage;
import com.referralloop.chat.outbox.OutboxState;
import com.referralloop.feedback.Feedback;
import com.referralloop.followup.FollowUp;
import com.referralloop.support.WebhookSigner;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.bson.Document;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.mongodb.autoconfigure.MongoConnectionDetails;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

/**
 * Issue 2's ingest benchmark (not a test): starts the bot on the embedded store (H2 file in a temp
 * directory, as in production), sends signed generic webhooks over loopback HTTP at a fixed rate and
 * unthrottled, then a no-op endpoint of the same server (the target's yardstick) and the raw driver's insert rate
 * into the same store. Bounded in count and time.
 *
 * <p>Arguments: {@code [count=2000] [rate=200] [concurrency=8]}.
 */
public final class IngestBenchmark {

    // a small fixed pool: the default executor grows to thousands of threads under open-loop load,
    // which then compete with the server for the same 2 cores
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .executor(Executors.newFixedThreadPool(4, r -> {
                Thread t = new Thread(r, "bench-client");
                t.setDaemon(true);
                return t;
            }))
            .version(HttpClient.Version.HTTP_1_1).build();

    private IngestBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        int rate = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        int concurrency = args.length > 2 ? Integer.parseInt(args[2]) : 8;
        Path dataDir = Files.createTempDirectory("referral-bench");
        // command-line arguments, because they override application.yml (builder defaults would not)
        ConfigurableApplicationContext app = new SpringApplicationBuilder(Application.class, NoOpEndpoint.class).run(
                "--server.port=0",
                "--referral.store.data-dir=" + dataDir,
                "--referral.feedback.webhook-secret=" + WebhookSigner.SECRET,
                "--logging.level.referral.delivery=WARN",
                "--logging.level.root=WARN",
                "--spring.main.banner-mode=off");
        try {
            int port = ((WebServerApplicationContext) app).getWebServer().getPort();
            String base = "http://127.0.0.1:" + port + "/webhooks/feedback";
            AccountService accounts = app.getBean(AccountService.class);
            accounts.upsert(new AccountInput("A-1", "Acme", new AccountInput.OwnerInput("rep@vendor.com", null, null, null),
                    null, List.of(new AccountInput.ContactInput("alice@acme.com", "Alice", null, null, null))));
            MongoTemplate mongo = app.getBean(MongoTemplate.class);

            System.out.printf("Ingest benchmark: %d webhooks per run, store = embedded H2 file in %s, %d CPUs, Java %s%n",
                    count, dataDir, Runtime.getRuntime().availableProcessors(), Runtime.version());

            // warm-up: JIT (C2 was still compiling a third of a core after 500 answers), connection pools, indexes
            int warmUp = Integer.getInteger("bench.warmup", 4000);
            Run warm = closedLoop(base, "bench-warmup", warmUp, concurrency);
            if (warm.errors() > 0) {
                throw new IllegalStateException(warm.errors() + " warm-up webhooks were not accepted");
            }
            awaitDelivered(mongo, "bench-warmup", warmUp, Duration.ofSeconds(120));

            if (firstStatus(base) != 202) {
                throw new IllegalStateException("webhook answered " + firstStatus(base) + " instead of 202");
            }
            MeterRegistry meters = app.getBean(MeterRegistry.class);
            double sentBefore = sent(meters);
            phase("fixed rate");
            Run fixed = fixedRate(base, "bench-fixed", count, rate);
            phase("fixed rate sent");
            awaitSent(meters, sentBefore + count, Duration.ofSeconds(120));
            Delivery fixedDelivery = awaitDelivered(mongo, "bench-fixed", count, Duration.ofSeconds(120));
            sentBefore = sent(meters);
            phase("unthrottled");
            Run max = closedLoop(base, "bench-max", count, concurrency);
            phase("unthrottled sent");
            awaitSent(meters, sentBefore + count, Duration.ofSeconds(180));
            Delivery maxDelivery = awaitDelivered(mongo, "bench-max", count, Duration.ofSeconds(180));
            phase("raw inserts");
            Run noOp = closedLoop("http://127.0.0.1:" + port + "/bench/no-op", "bench-noop", count, concurrency);
            Run noOpServlet = closedLoop("http://127.0.0.1:" + port + "/bench/no-op-servlet", "bench-noop", count, concurrency);
            double raw = rawInsertRate(app.getBean(MongoConnectionDetails.class).getConnectionString().toString(),
                    count, concurrency);

            System.out.println();
            fixed.print("fixed rate " + rate + "/s");
            System.out.println("  slowest 1%, by send time (ms after the run's start: latency ms): "
                    + slowestBySendTime(fixed, rate, Math.max(1, count / 100)));
            fixedDelivery.print();
            max.print("unthrottled, " + concurrency + " clients");
            maxDelivery.print();
            noOp.print("a no-op endpoint on the same server (reads the body, answers 202), " + concurrency + " clients");
            noOpServlet.print("a no-op plain servlet, " + concurrency + " clients");
            System.out.printf("raw driver insertOne into the same store (%d clients): %.0f inserts/s%n", concurrency, raw);
            // the ratio target is taken against the same server's no-op endpoint in the same run (the HTTP floor on
            // this machine); raw driver inserts are printed for reference only, as an endpoint doing nothing
            // reaches only about half of them here
            double ratio = max.perSecond() / noOp.perSecond();
            System.out.printf("ingest / no-op endpoint ratio (same server, %d clients): %.2f%n", concurrency, ratio);
            System.out.printf("ingest / raw insert ratio (for reference): %.2f%n", max.perSecond() / raw);
            System.out.println();
            System.out.printf("target ingest >= 50%% of the no-op endpoint's rate: %s (%.0f%%)%n",
                    ratio >= 0.5 ? "MET" : "NOT MET", ratio * 100);
            System.out.printf("target webhook p99 < 50 ms at %d req/s: %s (%.1f ms)%n", rate,
                    fixed.p(99) < 50 ? "MET" : "NOT MET", fixed.p(99));
            System.out.printf("target accepted -> handed to sender p99 < 250 ms at %d req/s: %s (%d ms)%n", rate,
                    fixedDelivery.p(99) < 250 ? "MET" : "NOT MET", fixedDelivery.p(99));
        } finally {
            long bytes = storeFileBytes(dataDir);
            app.close();
            System.out.printf("store file at the end of the run: %.0f MB%n", bytes / 1e6);
            // a run leaves hundreds of MB of store file (commits append; H2 reuses the space only later)
            deleteRecursively(dataDir);
        }
    }

    /**
     * The floor under any webhook: the same requests to an endpoint of the same server that only reads the
     * body and answers 202 (HTTP, Tomcat, Spring MVC and the bench client, no signature, parsing or store).
     */
    @org.springframework.web.bind.annotation.RestController
    static class NoOpEndpoint {

        @org.springframework.web.bind.annotation.PostMapping("/bench/no-op")
        org.springframework.http.ResponseEntity<Map<String, Object>> accept(jakarta.servlet.http.HttpServletRequest http)
                throws IOException {
            http.getInputStream().readAllBytes();
            return org.springframework.http.ResponseEntity.accepted().body(Map.of("status", "accepted"));
        }

        @org.springframework.context.annotation.Bean
        static org.springframework.boot.web.servlet.ServletRegistrationBean<jakarta.servlet.http.HttpServlet> noOpServlet() {
            return new org.springframework.boot.web.servlet.ServletRegistrationBean<>(new jakarta.servlet.http.HttpServlet() {
                @Override
                protected void doPost(jakarta.servlet.http.HttpServletRequest req, jakarta.servlet.http.HttpServletResponse resp)
                        throws IOException {
                    req.getInputStream().readAllBytes();
                    resp.setStatus(202);
                    resp.setContentType("application/json");
                    resp.getOutputStream().write("{\"status\":\"accepted\"}".getBytes());
                }
            }, "/bench/no-op-servlet");
        }
    }

    /** Wall-clock phase marks, to line a profile or GC log up with the run. */
    private static void phase(String name) {
        System.out.println("phase " + name + " at " + Instant.now());
    }

    private static long storeFileBytes(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static int firstStatus(String base) throws Exception {
        return HTTP.send(request(base, "bench-probe", 0), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static String body(String source, int i) {
        return """
                {"responseId":"r-%d","source":"%s","score":%d,"comment":"Great support, would recommend","email":"alice@acme.com","respondedAt":"2026-11-25T10:00:00Z"}"""
                .formatted(i, source, 9 + (i % 2));
    }

    private static HttpRequest request(String base, String source, int i) {
        String body = body(source, i);
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        WebhookSigner.headers(body).forEach(b::header);
        return b.build();
    }

    /** Open loop: requests start on a fixed schedule; latency counts from the scheduled start (no coordinated omission). */
    private static Run fixedRate(String base, String source, int count, int rate) throws Exception {
        long intervalNanos = TimeUnit.SECONDS.toNanos(1) / rate;
        long[] latencies = new long[count];
        AtomicInteger errors = new AtomicInteger();
        List<CompletableFuture<?>> pending = new ArrayList<>(count);
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            long due = start + i * intervalNanos;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            int n = i;
            pending.add(HTTP.sendAsync(request(base, source, i), HttpResponse.BodyHandlers.discarding())
                    .whenComplete((r, e) -> {
                        latencies[n] = System.nanoTime() - due;
                        if (e != null || r.statusCode() != 202) {
                            errors.incrementAndGet();
                        }
                    }));
        }
        CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).handle((v, e) -> null).get(120, TimeUnit.SECONDS);
        return new Run(count, System.nanoTime() - start, latencies, errors.get());
    }

    /** In a fixed-rate run request i is sent at i/rate s: whether the slow ones cluster (one stall) or not. */
    private static String slowestBySendTime(Run run, int rate, int k) {
        long[] lat = run.latencyNanos();
        return java.util.stream.IntStream.range(0, lat.length).boxed()
                .sorted((a, b) -> Long.compare(lat[b], lat[a])).limit(k).sorted()
                .map(i -> (i * 1000L / rate) + ":" + lat[i] / 1_000_000)
                .collect(java.util.stream.Collectors.joining(" "));
    }

    /** Closed loop: {@code clients} threads each send the next request as soon as the previous one is answered. */
    private static Run closedLoop(String base, String source, int count, int clients) throws Exception {
        long[] latencies = new long[count];
        AtomicInteger next = new AtomicInteger();
        AtomicInteger errors = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long start = System.nanoTime();
        List<Future<?>> workers = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            workers.add(pool.submit(() -> {
                for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                    long t = System.nanoTime();
                    try {
                        if (HTTP.send(request(base, source, i), HttpResponse.BodyHandlers.discarding()).statusCode() != 202) {
                            errors.incrementAndGet();
                        }
                    } catch (Exception e) {
                        errors.incrementAndGet();
                    }
                    latencies[i] = System.nanoTime() - t;
                }
                return null;
            }));
        }
        for (Future<?> w : workers) {
            w.get(300, TimeUnit.SECONDS);
        }
        long elapsed = System.nanoTime() - start;
        pool.shutdownNow();
        return new Run(count, elapsed, latencies, errors.get());
    }

    private static double sent(MeterRegistry meters) {
        return meters.find("referral.outbox.sent").counters().stream().mapToDouble(Counter::count).sum();
    }

    /**
     * Waits on the bot's own in-process counter of delivered messages: polling the store instead (three
     * full scans, one with a 2,000-value {@code $in}, every 250 ms) loaded the store it was measuring.
     */
    private static void awaitSent(MeterRegistry meters, double target, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (sent(meters) < target && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
    }

    /** Waits until every answer of the run has its follow-up message SENT, then reads accepted -> sent times from the store. */
    private static Delivery awaitDelivered(MongoTemplate mongo, String source, int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<String, Instant> received = new HashMap<>();
        Map<String, String> followUpOfFeedback = new HashMap<>();
        Map<String, Instant> createdAt = new HashMap<>();
        Map<String, Instant> sentAt = new HashMap<>();
        while (true) {
            received.clear();
            followUpOfFeedback.clear();
            sentAt.clear();
            for (Feedback f : mongo.find(Query.query(Criteria.where("source").is(source)), Feedback.class)) {
                received.put(f.id(), f.receivedAt());
            }
            for (FollowUp f : mongo.find(Query.query(Criteria.where("source").is(source)), FollowUp.class)) {
                followUpOfFeedback.put(f.feedbackId(), f.id());
                createdAt.put(f.feedbackId(), f.createdAt());
            }
            // filtered here: a $in of 2,000 ids costs the embedded store 2,000 comparisons per document
            java.util.Set<String> ours = new java.util.HashSet<>(followUpOfFeedback.values());
            for (OutboxMessage m : mongo.find(Query.query(Criteria.where("state").is(OutboxState.SENT)
                    .and("kind").is(OutboxMessage.OutboxKind.POST)), OutboxMessage.class)) {
                if (ours.contains(m.subjectId())) {
                    sentAt.put(m.subjectId(), m.sentAt());
                }
            }
            if (sentAt.size() >= count || System.nanoTime() > deadline) {
                break;
            }
            Thread.sleep(250);
        }
        long[] millis = received.entrySet().stream()
                .filter(e -> followUpOfFeedback.containsKey(e.getKey()) && sentAt.containsKey(followUpOfFeedback.get(e.getKey())))
                .mapToLong(e -> Duration.between(e.getValue(), sentAt.get(followUpOfFeedback.get(e.getKey()))).toMillis())
                .sorted().toArray();
        // where the time goes: accepted -> follow-up created (opener) and created -> sent (outbox), by
        // arrival order, so a queue that grows during the run shows as a rising lag
        List<Map.Entry<String, Instant>> byArrival = received.entrySet().stream()
                .filter(e -> createdAt.containsKey(e.getKey()) && sentAt.containsKey(followUpOfFeedback.get(e.getKey())))
                .sorted(Map.Entry.comparingByValue()).toList();
        StringBuilder stages = new StringBuilder("  by arrival decile, opened after / sent after (ms):");
        for (int d = 0; d <= 10 && !byArrival.isEmpty(); d++) {
            var e = byArrival.get(Math.min(byArrival.size() - 1, d * byArrival.size() / 10));
            Instant created = createdAt.get(e.getKey());
            stages.append(' ').append(Duration.between(e.getValue(), created).toMillis()).append('/')
                    .append(Duration.between(e.getValue(), sentAt.get(followUpOfFeedback.get(e.getKey()))).toMillis());
        }
        System.out.println(stages);
        return new Delivery(received.size(), followUpOfFeedback.size(), millis);
    }

    /** The raw driver writing one document per call, as ingest does, into a scratch collection of the same store. */
    private static double rawInsertRate(String uri, int count, int clients) throws Exception {
        try (MongoClient client = MongoClients.create(uri)) {
            MongoCollection<Document> coll = client.getDatabase("referral").getCollection("bench_raw");
            for (int i = 0; i < 200; i++) {
                coll.insertOne(doc("warm", i));
            }
            AtomicInteger next = new AtomicInteger();
            AtomicLong done = new AtomicLong();
            ExecutorService pool = Executors.newFixedThreadPool(clients);
            long start = System.nanoTime();
            List<Future<?>> workers = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                workers.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                        coll.insertOne(doc("raw", i));
                        done.incrementAndGet();
                    }
                    return null;
                }));
            }
            for (Future<?> w : workers) {
                w.get(300, TimeUnit.SECONDS);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            pool.shutdownNow();
            coll.drop();
            return done.get() / seconds;
        }
    }

    private static Document doc(String run, int i) {
        return new Document("_id", run + "|r-" + i).append("source", run).append("responseId", "r-" + i)
                .append("score", 9).append("category", "PROMOTER").append("comment", "Great support, would recommend")
                .append("email", "alice@acme.com").append("receivedAt", new java.util.Date())
                .append("followUpDone", false).append("raw", body(run, i));
    }

    record Run(int count, long elapsedNanos, long[] latencyNanos, int errors) {

        double perSecond() {
            return count / (elapsedNanos / 1e9);
        }

        double p(double percentile) {
            long[] sorted = latencyNanos.clone();
            Arrays.sort(sorted);
            return sorted[(int) Math.min(sorted.length - 1, Math.ceil(percentile / 100 * sorted.length) - 1)] / 1e6;
        }

        void print(String name) {
            System.out.printf("webhooks, %s: %d requests, %d errors, %.0f responses/s, p50 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                    name, count, errors, perSecond(), p(50), p(99), p(100));
        }
    }

    record Delivery(int answers, int followUps, long[] sortedMillis) {

        long p(double percentile) {
            if (sortedMillis.length == 0) {
                return Long.MAX_VALUE;
            }
            return sortedMillis[(int) Math.min(sortedMillis.length - 1, Math.ceil(percentile / 100 * sortedMillis.length) - 1)];
        }

        void print() {
            System.out.printf("  accepted -> follow-up handed to sender: %d answers, %d follow-ups, %d delivered; p50 %d ms, p99 %d ms, max %d ms%n",
                    answers, followUps, sortedMillis.length, p(50), p(99), p(100));
        }
    }
}
