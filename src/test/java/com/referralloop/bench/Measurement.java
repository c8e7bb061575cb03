package com.referralloop.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Runs one operation serially (each call waits for its answer), after a short warm-up, and records its
 * latency percentiles and the documents MongoDB returned to the app per call (a counter read before and after
 * the batch, once the app has been quiet for a moment so a call's trailing work is in its own batch).
 */
final class Measurement {

    /** One call: returns its latency in nanoseconds, or throws when it failed (wrong status, wrong answer, timeout). */
    interface Call {
        long run(int k) throws Exception;
    }

    /** Documents returned so far, per collection. */
    interface Documents extends Supplier<Map<String, Double>> {
    }

    /** What one operation measured. */
    record Result(String name, int n, int errors, String firstError, double p50Ms, double p99Ms, double maxMs,
                  double documentsPerCall, Map<String, Double> documentsByCollection) {

        String line() {
            StringBuilder b = new StringBuilder(String.format("  %-28s n=%3d errors=%d p50=%9.1f ms p99=%9.1f ms max=%9.1f ms docs/call=%8.1f",
                    name, n, errors, p50Ms, p99Ms, maxMs, documentsPerCall));
            if (!documentsByCollection.isEmpty()) {
                b.append("  (");
                documentsByCollection.forEach((c, d) -> b.append(c).append(' ').append(String.format("%.1f", d)).append(", "));
                b.setLength(b.length() - 2);
                b.append(')');
            }
            if (firstError != null) {
                b.append("\n      first error: ").append(firstError);
            }
            return b.toString();
        }
    }

    static final int CALLS = Integer.getInteger("bench.calls", 100);
    static final int WARMUP = Integer.getInteger("bench.warmup", 5);
    static final int MIN_CALLS = 5;
    static final Duration BUDGET = Duration.ofSeconds(Integer.getInteger("bench.op-seconds", 90));
    static final Duration QUIET = Duration.ofMillis(Integer.getInteger("bench.quiet-ms", 500));

    private Measurement() {
    }

    /** {@link #CALLS} calls, fewer once {@link #BUDGET} is spent (at least {@link #MIN_CALLS}). */
    static Result of(String name, Call call, Documents documents) throws InterruptedException {
        for (int w = 0; w < WARMUP; w++) {
            try {
                call.run(-1 - w);
            } catch (Exception ignored) {
                // warm-up only; the measured calls report their errors
            }
        }
        Thread.sleep(QUIET.toMillis());
        Map<String, Double> before = documents.get();
        List<Long> nanos = new ArrayList<>();
        int errors = 0;
        String firstError = null;
        long deadline = System.nanoTime() + BUDGET.toNanos();
        for (int k = 0; k < CALLS; k++) {
            if (k >= MIN_CALLS && System.nanoTime() > deadline) {
                break;
            }
            try {
                nanos.add(call.run(k));
            } catch (Exception e) {
                errors++;
                firstError = firstError == null ? e.toString() : firstError;
            }
        }
        Thread.sleep(QUIET.toMillis());
        Map<String, Double> after = documents.get();
        int n = nanos.size() + errors;
        Map<String, Double> byCollection = new TreeMap<>();
        double total = 0;
        for (Map.Entry<String, Double> e : after.entrySet()) {
            double d = e.getValue() - before.getOrDefault(e.getKey(), 0.0);
            if (d > 0) {
                byCollection.put(e.getKey(), d / Math.max(1, n));
                total += d;
            }
        }
        Collections.sort(nanos);
        return new Result(name, n, errors, firstError, pct(nanos, 0.50), pct(nanos, 0.99),
                nanos.isEmpty() ? 0 : nanos.get(nanos.size() - 1) / 1e6, total / Math.max(1, n), byCollection);
    }

    static double pct(List<Long> sorted, double p) {
        return sorted.isEmpty() ? 0 : sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1)) / 1e6;
    }
}
