package com.referralloop.security;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * A fixed one-minute window per caller key. The window's map is dropped whole when the minute turns, so the
 * keys held are bounded by one minute's callers (a per-key limiter registry would keep every key forever).
 * Per instance: with several instances each allows the limit, which is the documented trade-off.
 */
final class CallerRateLimit {

    private final int perMinute;
    private final Clock clock;
    private long window = -1;
    private Map<String, Integer> counts = new HashMap<>();

    CallerRateLimit(int perMinute, Clock clock) {
        this.perMinute = perMinute;
        this.clock = clock;
    }

    /** @return zero when allowed, else how long until the caller's next window */
    synchronized Duration acquire(String key) {
        long now = clock.millis();
        long current = now / 60_000;
        if (current != window) {
            window = current;
            counts = new HashMap<>();
        }
        if (perMinute <= 0) {
            return Duration.ZERO;
        }
        int used = counts.merge(key, 1, Integer::sum);
        return used <= perMinute ? Duration.ZERO : Duration.ofMillis((current + 1) * 60_000 - now);
    }
}
