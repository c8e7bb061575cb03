package com.referralloop.store;

import de.bwaldvogel.mongo.bson.Document;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Optional diagnostics for the embedded store (system property {@code referral.store.stats=true}, used by
 * the benchmarks): how many commands of each shape (command, collection, filter fields) it served and the
 * time they took, printed when the JVM exits. The filter fields show which queries the embedded store
 * answers by scanning (only an exact match on a unique index's fields is served from the index).
 */
final class StoreCommandStats {

    static final boolean ENABLED = Boolean.getBoolean("referral.store.stats");
    private static final Map<String, long[]> BY_SHAPE = new ConcurrentHashMap<>();

    static {
        if (ENABLED) {
            Runtime.getRuntime().addShutdownHook(new Thread(StoreCommandStats::print, "store-stats"));
        }
    }

    private StoreCommandStats() {
    }

    static void record(Document command, long nanos) {
        record(shape(command), nanos);
    }

    /** Something other than a command, such as the store's commits: named in parentheses. */
    static void record(String shape, long nanos) {
        BY_SHAPE.compute(shape, (k, v) -> {
            long[] n = v == null ? new long[2] : v;
            n[0]++;
            n[1] += nanos;
            return n;
        });
    }

    static String shape(Document command) {
        String name = command.keySet().iterator().next();
        Object filter = command.get("filter") != null ? command.get("filter") : command.get("query");
        for (String bulk : List.of("updates", "deletes")) {
            if (filter == null && command.get(bulk) instanceof List<?> l && !l.isEmpty() && l.get(0) instanceof Document d) {
                filter = d.get("q");
            }
        }
        return name + " " + command.get(name) + " " + (filter instanceof Document d ? d.keySet() : "[]");
    }

    private static void print() {
        BY_SHAPE.entrySet().stream()
                .sorted((a, b) -> Long.compare(b.getValue()[1], a.getValue()[1]))
                .limit(40)
                .forEach(e -> System.out.printf("store-stats %8d calls %8d ms  %s%n",
                        e.getValue()[0], e.getValue()[1] / 1_000_000, e.getKey()));
        EmbeddedStore.coveredReadsByIndex().forEach((index, n) ->
                System.out.printf("store-covered %8d aggregations read from index entries alone: %s%n", n, index));
    }
}
