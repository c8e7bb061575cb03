package com.referralloop.bench;

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
import java.util.List;
import java.util.Map;

/**
 * The real application started as a separate JVM ({@code java -cp ... com.referralloop.Application}) for
 * the crash and scale benchmarks: environment in, stdout to a file, killed with SIGKILL or stopped.
 */
public final class AppProcess implements AutoCloseable {

    private final Process process;
    private final int port;
    private final Path log;

    private AppProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** The classpath of helper processes: BENCH_CLASSPATH (classes, test classes, dependencies), else our own. */
    static String classpath() {
        String cp = System.getenv("BENCH_CLASSPATH");
        return cp != null && !cp.isBlank() ? cp : System.getProperty("java.class.path");
    }

    /** The app's classpath: BENCH_APP_CLASSPATH (target/classes plus dependencies, no test classes to scan). */
    static String appClasspath() {
        String cp = System.getenv("BENCH_APP_CLASSPATH");
        return cp != null && !cp.isBlank() ? cp : classpath();
    }

    /** Starts the app on {@code port} with {@code env} added, and waits until /actuator/health answers. */
    public static AppProcess start(int port, Map<String, String> env, Path log, List<String> jvmArgs, Duration timeout)
            throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-XX:+UseSerialGC");
        cmd.add("-XX:TieredStopAtLevel=1");
        cmd.addAll(jvmArgs);
        cmd.add("-cp");
        cmd.add(appClasspath());
        cmd.add("com.referralloop.Application");
        // an argument file keeps the main class off the command line, out of reach of "pkill -f" clean-ups
        // that other people's scripts run on a shared machine
        Path args = Files.createTempFile("referral-app", ".args");
        Files.write(args, cmd.subList(1, cmd.size()).stream().map(a -> "\"" + a.replace("\\", "\\\\") + "\"").toList());
        ProcessBuilder pb = new ProcessBuilder(cmd.get(0), "@" + args).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.environment().put("PORT", Integer.toString(port));
        pb.environment().putAll(env);
        Process p = pb.start();
        AppProcess app = new AppProcess(p, port, log);
        app.awaitHealthy(timeout);
        return app;
    }

    void awaitHealthy(Duration timeout) throws InterruptedException, IOException {
        HttpClient http = HttpClient.newHttpClient();
        Instant until = Instant.now().plus(timeout);
        while (Instant.now().isBefore(until)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("app on port " + port + " exited with " + process.exitValue() + "; see " + log);
            }
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base() + "/actuator/health/readiness"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("app on port " + port + " not healthy after " + timeout + "; see " + log);
    }

    public String base() {
        return "http://127.0.0.1:" + port;
    }

    public long pid() {
        return process.pid();
    }

    /** SIGKILL on Linux: no shutdown hook, no graceful stop. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    public String log() throws IOException {
        return Files.readString(log);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor();
        }
    }
}
