import com.referralloop.Application;
import com.referralloop.support.FakeSlackApi;
import com.referralloop.support.SlackRequestSigner;
import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.bolt.App;
import com.slack.api.bolt.AppConfig;
import com.slack.api.bolt.jakarta_servlet.SlackAppServlet;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;

/**
 * Benchmark, not a test: slash-command acknowledgement latency of Referral Loop's /slack/events at a fixed
 * arrival rate, beside a bare Bolt app (one-line handler, Bolt's own verification) served by the same Tomcat
 * in the same run, answering the same signed request. Prints p50/p90/p99 and the ratio.
 *
 * Then a serial phase: one request at a time, alternating the two apps, so the figures show each app's own
 * service time without the queueing that a shared, busy machine adds at 200 req/s.
 *
 * Run: bench/run-slack-ack.sh [ratePerSecond] [secondsPerRound] [rounds] [serialRequestsPerApp]
 */
public class SlackAckBench {

    public static void main(String[] args) throws Exception {
        int rate = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 4;
        int serial = args.length > 3 ? Integer.parseInt(args[3]) : 2000;

        FakeSlackApi fake = FakeSlackApi.shared();
        fake.user("UBENCH", "bench@vendor.com");
        SlackConfig sc = new SlackConfig();
        sc.setMethodsEndpointUrlPrefix(fake.apiUrl());
        sc.getMethodsConfig().setStatsEnabled(false);
        App bare = new App(AppConfig.builder().slack(Slack.getInstance(sc)).singleTeamBotToken("xoxb-bench")
                .signingSecret(SlackRequestSigner.SECRET).build());
        bare.command("/followup", (req, ctx) -> ctx.ack("ok"));

        ConfigurableApplicationContext ctx = new SpringApplicationBuilder(Application.class)
                .initializers(c -> ((GenericApplicationContext) c).registerBean("bareBoltServlet", ServletRegistrationBean.class,
                        () -> new ServletRegistrationBean<>(new SlackAppServlet(bare), "/bare/events")))
                // command-line arguments, so they win over application.yml
                .run("--server.port=0", "--referral.store.in-memory=true", "--referral.slack.bot-token=xoxb-bench",
                        "--referral.slack.signing-secret=" + SlackRequestSigner.SECRET, "--referral.slack.api-url=" + fake.apiUrl(),
                        "--logging.level.root=WARN", "--logging.level.com.referralloop=WARN");
        int port = ((WebServerApplicationContext) ctx).getWebServer().getPort();
        String base = "http://127.0.0.1:" + port;
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .executor(Executors.newFixedThreadPool(8)).build();
        try {
            System.out.printf("Slack ack benchmark: %d req/s, %d s per round, %d rounds, JDK %s, %d CPUs%n",
                    rate, seconds, rounds, Runtime.version(), Runtime.getRuntime().availableProcessors());
            run(client, base + "/slack/events", rate, 3);   // warm-up
            run(client, base + "/bare/events", rate, 3);
            List<Long> app = new ArrayList<>();
            List<Long> bareLat = new ArrayList<>();
            int[] errors = new int[2];
            for (int r = 0; r < rounds; r++) {
                // alternate which app goes first, so a change in the machine's load does not always favour one
                boolean bareFirst = r % 2 == 1;
                Result b0 = bareFirst ? run(client, base + "/bare/events", rate, seconds) : null;
                Result a = run(client, base + "/slack/events", rate, seconds);
                Result b = bareFirst ? b0 : run(client, base + "/bare/events", rate, seconds);
                app.addAll(a.nanos());
                bareLat.addAll(b.nanos());
                errors[0] += a.errors();
                errors[1] += b.errors();
            }
            report("referral-loop /slack/events", app, errors[0]);
            report("bare Bolt app  /bare/events ", bareLat, errors[1]);
            System.out.printf("ratio p50 %.2fx, p99 %.2fx (target <= 1.2x, p99 <= 50 ms)%n",
                    (double) pct(app, 50) / pct(bareLat, 50), (double) pct(app, 99) / pct(bareLat, 99));
            if (serial > 0) {
                String[] urls = {base + "/slack/events", base + "/bare/events"};
                List<List<Long>> lat = List.of(new ArrayList<>(), new ArrayList<>());
                for (int i = 0; i < serial; i++) {
                    for (int k = 0; k < 2; k++) {
                        int idx = i % 2 == 0 ? k : 1 - k;   // alternate which goes first
                        lat.get(idx).add(once(client, urls[idx], i));
                    }
                }
                report("serial referral-loop        ", lat.get(0), 0);
                report("serial bare Bolt app        ", lat.get(1), 0);
                double m0 = trimmedMean(lat.get(0));
                double m1 = trimmedMean(lat.get(1));
                System.out.printf("serial: mean of the fastest 90%%: %.3f ms vs %.3f ms, ratio %.2fx; p50 ratio %.2fx%n",
                        m0, m1, m0 / m1, (double) pct(lat.get(0), 50) / pct(lat.get(1), 50));
            }
        } finally {
            ctx.close();
            fake.close();
            System.exit(0);
        }
    }

    static HttpRequest request(String url, int n) {
        String body = "token=legacy&team_id=T0001&channel_id=CBENCH&user_id=UBENCH&user_name=bench&command="
                + URLEncoder.encode("/followup", StandardCharsets.UTF_8) + "&text=help&api_app_id=A0001"
                + "&response_url=" + URLEncoder.encode("http://127.0.0.1:1/unused", StandardCharsets.UTF_8)
                + "&trigger_id=t" + n;
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        SlackRequestSigner.headers(SlackRequestSigner.SECRET, body, Instant.now()).forEach(b::header);
        return b.build();
    }

    /** One request, waited for: the service time of the app plus the loopback round trip. */
    static long once(HttpClient client, String url, int n) throws Exception {
        HttpRequest req = request(url, n);
        long t0 = System.nanoTime();
        HttpResponse<String> r = client.send(req, HttpResponse.BodyHandlers.ofString());
        long t = System.nanoTime() - t0;
        if (r.statusCode() != 200) {
            throw new IllegalStateException(url + " answered " + r.statusCode());
        }
        return t;
    }

    static double trimmedMean(List<Long> nanos) {
        return nanos.stream().mapToLong(x -> x).sorted().limit(Math.max(1, nanos.size() * 9L / 10)).average().orElse(0) / 1e6;
    }

    record Result(List<Long> nanos, int errors) { }

    static Result run(HttpClient client, String url, int rate, int seconds) throws Exception {
        ConcurrentLinkedQueue<Long> lat = new ConcurrentLinkedQueue<>();
        AtomicInteger errors = new AtomicInteger();
        List<CompletableFuture<?>> inFlight = Collections.synchronizedList(new ArrayList<>());
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
        int total = rate * seconds;
        AtomicInteger sent = new AtomicInteger();
        long periodNanos = 1_000_000_000L / rate;
        ticker.scheduleAtFixedRate(() -> {
            if (sent.incrementAndGet() > total) {
                return;
            }
            HttpRequest req = request(url, sent.get());
            long t0 = System.nanoTime();
            inFlight.add(client.sendAsync(req, HttpResponse.BodyHandlers.ofString()).whenComplete((resp, err) -> {
                long t = System.nanoTime() - t0;
                if (err != null || resp.statusCode() != 200) {
                    if (errors.incrementAndGet() == 1) {
                        System.out.println("first error on " + url + ": " + (err != null ? err : resp.statusCode() + " " + resp.body()));
                    }
                } else {
                    lat.add(t);
                }
            }));
        }, 0, periodNanos, TimeUnit.NANOSECONDS);
        while (sent.get() < total) {
            Thread.sleep(50);
        }
        ticker.shutdownNow();
        CompletableFuture.allOf(inFlight.toArray(new CompletableFuture[0])).exceptionally(e -> null).get(30, TimeUnit.SECONDS);
        return new Result(new ArrayList<>(lat), errors.get());
    }

    static long pct(List<Long> values, int p) {
        List<Long> s = new ArrayList<>(values);
        Collections.sort(s);
        return s.isEmpty() ? 0 : s.get(Math.min(s.size() - 1, (int) Math.ceil(p / 100.0 * s.size()) - 1));
    }

    static void report(String name, List<Long> nanos, int errors) {
        System.out.printf("%s  n=%d errors=%d  p50 %.2f ms  p90 %.2f ms  p99 %.2f ms  max %.2f ms%n", name, nanos.size(), errors,
                pct(nanos, 50) / 1e6, pct(nanos, 90) / 1e6, pct(nanos, 99) / 1e6, pct(nanos, 100) / 1e6);
    }
}
