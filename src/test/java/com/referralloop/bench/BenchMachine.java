package com.referralloop.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/** The machine side of a benchmark: its load, free ports, the JDK's tools, and the heap of an app process. */
final class BenchMachine {

    private BenchMachine() {
    }

    /** The load averages (1, 5, 15 min), as {@code uptime} prints them: the machine is shared with other builds. */
    static String load() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException e) {
            return "?";
        }
    }

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** Waits until something accepts connections on the port (a store process starting). */
    static void awaitPort(int port, java.time.Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try (java.net.Socket s = new java.net.Socket("127.0.0.1", port)) {
                return;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        throw new IllegalStateException("nothing listens on port " + port + " after " + timeout);
    }

    /** The bench's own console: the driver's connection chatter at INFO hides the figures. */
    static void quietDriverLog() {
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("org.mongodb")).setLevel(ch.qos.logback.classic.Level.WARN);
    }

    /** Samples the app's heap every 2 s into {@code max} until interrupted. */
    static Thread heapSampler(HttpClient http, String base, AtomicReference<Double> max) {
        Thread t = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    max.accumulateAndGet(LoadBench.heapUsed(http, base), Math::max);
                    Thread.sleep(2000);
                } catch (InterruptedException e) {
                    return;
                } catch (Exception e) {
                    // the next sample
                }
            }
        }, "heap-sampler");
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** The app's live heap: a full GC through jcmd, then the heap in use. */
    static double heapAfterGc(HttpClient http, AppProcess app) throws Exception {
        Process gc = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                Long.toString(app.pid()), "GC.run").redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        gc.waitFor(60, TimeUnit.SECONDS);
        Thread.sleep(500);
        return LoadBench.heapUsed(http, app.base());
    }
}
