package com.referralloop.bench;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.referralloop.store.EmbeddedStoreServer;
import com.referralloop.support.FakeSlackApi;
import com.referralloop.support.SlackRequestSigner;
import com.referralloop.support.WebhookSigner;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

/**
 * Data scale (issue 16): for each size S, a fresh embedded store (the bot's own H2 backend, as its own process)
 * gets the app's indexes from a first start of the app, is seeded in bulk through the driver with S accounts
 * and what they bring over two years ({@link SeedDocuments}), and the app is started against it (MONGODB_URI,
 * Slack on against the in-process fake Slack API). Each operation is then measured serially: latency p50/p99
 * and the documents MongoDB returned to the app per call (the app's opt-in counter). The two background jobs
 * are measured in-process ({@link ScheduledJobsHarness}). Prints every figure per size, the ratio of the
 * largest size to the smallest, and the targets.
 *
 * <p>Usage: {@code bench/run-data-scale.sh [sizes...=1000 100000]}
 */
public final class DataScaleBench {

    static final String API_TOKEN = "data-scale-bench-api-token";

    private DataScaleBench() {
    }

    public static void main(String[] args) throws Exception {
        List<Integer> sizes = new ArrayList<>();
        for (String a : args.length == 0 ? new String[] {"1000", "100000"} : args) {
            sizes.add(Integer.parseInt(a.replace("_", "").replace(",", "")));
        }
        BenchMachine.quietDriverLog();
        FakeSlackApi slack = FakeSlackApi.shared();
        slack.user(SeedDocuments.REP_SLACK, SeedDocuments.REP_EMAIL);
        System.out.printf("Data scale bench: sizes %s, commit %s, %d cores, Java %s, %d calls per operation (at most %d s each)%n",
                sizes, System.getenv().getOrDefault("BENCH_COMMIT", "?"), Runtime.getRuntime().availableProcessors(),
                Runtime.version(), Measurement.CALLS, Measurement.BUDGET.toSeconds());
        System.out.println("load at start: " + BenchMachine.load());
        DataScaleReport report = new DataScaleReport();
        for (int size : sizes) {
            report.add(size, runSize(size, slack));
        }
        System.out.println();
        System.out.println("=== Data scale: figures by size (accounts) ===");
        report.print();
        System.out.println("load at end: " + BenchMachine.load());
        // the fake Slack API's server threads would keep the JVM alive
        System.exit(0);
    }

    static Map<String, Double> runSize(int size, FakeSlackApi slack) throws Exception {
        System.out.printf("%n=== %,d accounts ===%n", size);
        Map<String, Double> figures = new LinkedHashMap<>();
        Path dir = Files.createTempDirectory("referral-data-scale-" + size + "-");
        Path file = dir.resolve("store.mv");
        int port = BenchMachine.freePort();
        int storePort = BenchMachine.freePort();
        String uri = "mongodb://127.0.0.1:" + storePort + "/referral";
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).version(HttpClient.Version.HTTP_1_1).build();
        Path cache = seedCache(size);
        if (cache != null && Files.exists(cache)) {
            reuse(cache, size, slack, dir, file, storePort, port, uri, figures);
        } else {
            seed(size, slack, dir, file, storePort, port, uri, figures);
            if (cache != null) {
                Files.createDirectories(cache.getParent());
                Files.copy(file, cache);
                System.out.println("seeded store kept in " + cache);
            }
        }
        if (Boolean.getBoolean("bench.seed.only")) {
            Files.deleteIfExists(file);
            return figures;
        }

        long t0 = System.nanoTime();
        Process store = startStore(storePort, file, dir.resolve("store.log"), false);
        try (MongoClient client = MongoClients.create(uri)) {
            figures.put("store open after seeding s", (System.nanoTime() - t0) / 1e9);
            MongoDatabase db = client.getDatabase("referral");
            System.out.println("starting the app on the seeded store, load " + BenchMachine.load());
            t0 = System.nanoTime();
            try (AppProcess app = start(port, uri, slack, dir.resolve("app.log"))) {
                figures.put("app start-up s", (System.nanoTime() - t0) / 1e9);
                measureApp(app, http, slack, size, figures);
            }
            figures.put("seed shape: collections lacking an app field", (double) SeedShapeCheck.print(db));
            System.out.println("background jobs in-process, load " + BenchMachine.load());
            try (ScheduledJobsHarness jobs = new ScheduledJobsHarness(uri)) {
                figures.put("in-process context start-up s", jobs.startMillis / 1000.0);
                for (Measurement.Result r : jobs.measure()) {
                    System.out.println(r.line());
                    DataScaleReport.put(figures, r);
                }
            }
        } finally {
            stop(store);
        }
        figures.put("store file MiB at the end", Files.size(file) / 1048576.0);
        System.out.println("store time by command shape (measurements only; bench reads included; top 20):");
        try (Stream<String> lines = Files.lines(dir.resolve("store.log"))) {
            lines.filter(l -> l.startsWith("store-stats")).limit(20).forEach(l -> System.out.println("  " + l));
        }
        try (Stream<String> lines = Files.lines(dir.resolve("store.log"))) {
            lines.filter(l -> l.startsWith("store-covered")).forEach(l -> System.out.println("  " + l));
        }
        if (!Boolean.getBoolean("bench.keep")) {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).filter(p -> !p.getFileName().toString().endsWith(".log")).forEach(p -> p.toFile().delete());
            }
        }
        System.out.println("logs in " + dir);
        return figures;
    }

    /**
     * The app declares its indexes at start-up, so a first start on the empty store creates them before the
     * data; then the bulk load, on the same file opened with background commits, closed cleanly at the end.
     */
    private static void seed(int size, FakeSlackApi slack, Path dir, Path file, int storePort, int port, String uri,
                             Map<String, Double> figures) throws Exception {
        Process store = startStore(storePort, file, dir.resolve("store-seed.log"), true);
        try (MongoClient client = MongoClients.create(uri)) {
            long t0 = System.nanoTime();
            try (AppProcess empty = start(port, uri, slack, dir.resolve("app-empty.log"))) {
                figures.put("app start-up on the empty store s", (System.nanoTime() - t0) / 1e9);
            }
            System.out.println("seeding, load " + BenchMachine.load());
            t0 = System.nanoTime();
            Map<String, Long> seeded = new DataScaleSeed(client.getDatabase("referral"), Instant.now())
                    .seed(size, Integer.getInteger("bench.seed-threads", 2));
            long documents = seeded.values().stream().mapToLong(Long::longValue).sum();
            stop(store);
            double seconds = (System.nanoTime() - t0) / 1e9;
            System.out.printf("seeded %,d documents in %.0f s (%,.0f/s; closing the store included), load %s: %s%n", documents,
                    seconds, documents / seconds, BenchMachine.load(), seeded);
            figures.put("seed: documents", (double) documents);
            figures.put("seed: time s", seconds);
            figures.put("store file MiB after seeding", Files.size(file) / 1048576.0);
        } finally {
            stop(store);
        }
    }

    /** {@code -Dbench.seed.cache=DIR}: seeded stores are kept there, one per size, and copied instead of re-seeded. */
    private static Path seedCache(int size) {
        String dir = System.getProperty("bench.seed.cache", "").trim();
        return dir.isEmpty() ? null : Path.of(dir).resolve("seed-" + size + ".mv");
    }

    /**
     * A copy of a kept seed. It was seeded by an earlier commit, so the app starts on it once, untimed, as an
     * upgrade does: indexes added since are built then, not inside the measured start-up.
     */
    private static void reuse(Path cache, int size, FakeSlackApi slack, Path dir, Path file, int storePort, int port,
                              String uri, Map<String, Double> figures) throws Exception {
        long t0 = System.nanoTime();
        Files.copy(cache, file);
        System.out.printf("copied the kept seed %s in %.0f s (seeded %s)%n", cache, (System.nanoTime() - t0) / 1e9,
                Files.getLastModifiedTime(cache));
        figures.put("store file MiB after seeding", Files.size(file) / 1048576.0);
        Process store = startStore(storePort, file, dir.resolve("store-upgrade.log"), false);
        try {
            t0 = System.nanoTime();
            // building the new indexes of a large store takes minutes, and the app waits for them at start
            try (AppProcess upgrade = start(port, uri, slack, dir.resolve("app-upgrade.log"), Duration.ofMinutes(60))) {
                System.out.printf("untimed first start on the kept seed (indexes added since are built): %.1f s%n",
                        (System.nanoTime() - t0) / 1e9);
            }
        } finally {
            stop(store);
        }
    }

    private static Process startStore(int port, Path file, Path log, boolean seeding) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(BenchMachine.java(), "-Xmx" + System.getProperty("bench.store.heap", "2g"),
                "-XX:+UseSerialGC", "-Dreferral.store.stats=true", "-cp", AppProcess.classpath(),
                EmbeddedStoreServer.class.getName(), Integer.toString(port), file.toString()));
        if (seeding) {
            cmd.add("seed");
        }
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        BenchMachine.awaitPort(port, Duration.ofSeconds(600));
        return p;
    }

    /** SIGTERM: the store's shutdown hook closes the H2 file (a full commit) and prints its command statistics. */
    private static void stop(Process store) throws InterruptedException {
        if (store.isAlive()) {
            store.destroy();
        }
        store.waitFor();
    }

    private static void measureApp(AppProcess app, HttpClient http, FakeSlackApi slack, int size, Map<String, Double> figures)
            throws Exception {
        DataScaleOps ops = new DataScaleOps(http, app.base(), slack, API_TOKEN, Integer.toString(size));
        System.out.println("measuring, load " + BenchMachine.load());
        AtomicReference<Double> maxHeap = new AtomicReference<>(0.0);
        Thread sampler = BenchMachine.heapSampler(http, app.base(), maxHeap);
        // nothing is sent: what the app's own pollers read while it is idle is the background of every figure
        Map<String, Double> before = ops.documents();
        Thread.sleep(10_000);
        Map<String, Double> after = ops.documents();
        double idle = after.entrySet().stream().mapToDouble(e -> e.getValue() - before.getOrDefault(e.getKey(), 0.0)).sum();
        System.out.printf("  idle 10 s: %.0f documents returned by the app's own background work%n", idle);
        figures.put("idle 10 s: docs returned", idle);
        for (Map.Entry<String, Measurement.Call> op : ops.all().entrySet()) {
            slack.reset();
            Measurement.Result r = Measurement.of(op.getKey(), op.getValue(), ops::documents);
            System.out.println(r.line());
            DataScaleReport.put(figures, r);
        }
        sampler.interrupt();
        figures.put("app heap max sampled MiB", maxHeap.get() / 1048576.0);
        figures.put("app heap after full GC MiB", BenchMachine.heapAfterGc(http, app) / 1048576.0);
        System.out.printf("  heap: max sampled %.0f MiB, after a full GC %.0f MiB%n", figures.get("app heap max sampled MiB"),
                figures.get("app heap after full GC MiB"));
    }

    private static AppProcess start(int port, String uri, FakeSlackApi slack, Path log) throws Exception {
        return start(port, uri, slack, log, Duration.ofSeconds(600));
    }

    private static AppProcess start(int port, String uri, FakeSlackApi slack, Path log, Duration timeout) throws Exception {
        Map<String, String> env = Map.of(
                "MONGODB_URI", uri,
                "REFERRAL_API_TOKEN", API_TOKEN,
                "SLACK_BOT_TOKEN", "xoxb-data-scale-bench",
                "SLACK_SIGNING_SECRET", SlackRequestSigner.SECRET,
                "SLACK_API_URL", slack.apiUrl(),
                "SLACK_DEFAULT_CHANNEL", "CUNASSIGNED",
                "FEEDBACK_WEBHOOK_SECRET", WebhookSigner.SECRET);
        List<String> jvm = new ArrayList<>(List.of("-Xmx" + System.getProperty("bench.app.heap", "1g"),
                // the full JIT, as in production (AppProcess stops at C1 for the benches that start several apps)
                "-XX:TieredStopAtLevel=4",
                "-Dreferral.store.documents-metric=true",
                // DMs to one rep are paced at 1 s by default: the promoter figure would measure the pacing
                "-Dreferral.slack.channel-interval=1ms",
                // the SLA timers and review prompts are measured in-process, one run at a time
                "-Dreferral.sla.initial-delay=1h"));
        String extra = System.getProperty("bench.app.jvm", "").trim();
        if (!extra.isEmpty()) {
            jvm.addAll(List.of(extra.split("\\s+")));
        }
        return AppProcess.start(port, env, log, jvm, timeout);
    }
}
