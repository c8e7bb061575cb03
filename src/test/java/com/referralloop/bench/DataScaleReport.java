package com.referralloop.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The figures of every size side by side, the ratio of the largest size's value to the smallest's, and the
 * issue's targets: documents returned per call at most 1.2× (a figure under one document per call at the small
 * size is compared with one), every p99 at most 3×, every slash command's p99 under 1 s at the largest size,
 * start-up under 20 s and the heap after a full GC under 512 MiB at the largest size.
 */
final class DataScaleReport {

    /** What one size measured. */
    record Size(int accounts, Map<String, Double> figures) {
    }

    private final List<Size> sizes = new ArrayList<>();

    void add(int accounts, Map<String, Double> figures) {
        sizes.add(new Size(accounts, new LinkedHashMap<>(figures)));
    }

    /** The figures of one operation's measurement, named as the table shows them. */
    static void put(Map<String, Double> figures, Measurement.Result r) {
        figures.put(r.name() + " | p50 ms", r.p50Ms());
        figures.put(r.name() + " | p99 ms", r.p99Ms());
        figures.put(r.name() + " | docs/call", r.documentsPerCall());
        figures.put(r.name() + " | n", (double) r.n());
        figures.put(r.name() + " | errors", (double) r.errors());
    }

    /** Prints the table; returns how many targets failed. */
    int print() {
        if (sizes.isEmpty()) {
            return 0;
        }
        Size first = sizes.get(0);
        Size last = sizes.get(sizes.size() - 1);
        StringBuilder head = new StringBuilder(String.format("%-50s", "figure"));
        sizes.forEach(s -> head.append(String.format(" %12s", String.format("%,d", s.accounts()))));
        head.append(String.format(" %9s  %-22s %s", "ratio", "target", "verdict"));
        System.out.println(head);
        int failed = 0;
        int checked = 0;
        for (String name : last.figures().keySet()) {
            // calls per operation are in the per-operation lines; errors only when there were any
            if (name.endsWith("| n") || (name.endsWith("| errors") && sizes.stream().allMatch(s -> s.figures().getOrDefault(name, 0.0) == 0))) {
                continue;
            }
            StringBuilder line = new StringBuilder(String.format("%-50s", name));
            for (Size s : sizes) {
                Double v = s.figures().get(name);
                line.append(String.format(" %12s", v == null ? "-" : format(v)));
            }
            Double a = first.figures().get(name);
            Double b = last.figures().get(name);
            String ratio = "";
            String target = "";
            Boolean ok = null;
            if (a != null && b != null && sizes.size() > 1 && !name.endsWith("| n") && !name.endsWith("| errors")) {
                double r = name.endsWith("docs/call") ? b / Math.max(a, 1.0) : a > 0 ? b / a : Double.NaN;
                ratio = Double.isNaN(r) ? "" : String.format("%.2f×", r);
                if (name.endsWith("docs/call")) {
                    target = "≤ 1.2×";
                    ok = r <= 1.2;
                } else if (name.endsWith("p99 ms")) {
                    target = "≤ 3×";
                    ok = r <= 3.0;
                }
            }
            if (b != null && name.startsWith("/") && name.endsWith("p99 ms")) {
                target += (target.isEmpty() ? "" : ", ") + "< 1 s at largest";
                ok = (ok == null || ok) && b < 1000;
            }
            if (b != null && name.equals("app start-up s")) {
                target = "< 20 s";
                ok = b < 20;
            }
            if (b != null && name.equals("app heap after full GC MiB")) {
                target = "< 512 MiB";
                ok = b < 512;
            }
            if (b != null && name.endsWith("| errors") && b > 0) {
                target = "no errors";
                ok = false;
            }
            if (ok != null) {
                checked++;
                failed += ok ? 0 : 1;
            }
            line.append(String.format(" %9s  %-22s %s", ratio, target, ok == null ? "" : ok ? "ok" : "FAILS"));
            System.out.println(line);
        }
        System.out.printf("targets checked: %d, met: %d, failed: %d%n", checked, checked - failed, failed);
        return failed;
    }

    private static String format(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e12) {
            return String.format("%,d", (long) v);
        }
        return Math.abs(v) >= 100 ? String.format("%,.0f", v) : String.format("%.2f", v);
    }
}
