package com.referralloop.chat.outbox;

import com.referralloop.chat.Platform;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import org.springframework.stereotype.Component;

/** Outbox counters and gauges for Prometheus. */
@Component
public class OutboxMetrics {

    private static final Duration SNAPSHOT_TTL = Duration.ofSeconds(5);

    private final MeterRegistry registry;
    private final Outbox outbox;
    private volatile Cached cached;

    OutboxMetrics(MeterRegistry registry, Outbox outbox, Clock clock) {
        this.registry = registry;
        this.outbox = outbox;
        // one scan of the unsent messages serves all three gauges, at most once per SNAPSHOT_TTL: on the
        // embedded store each count was a scan of the whole outbox, three per Prometheus scrape
        Gauge.builder("referral.outbox.depth", this, m -> m.snapshot().pending())
                .description("messages waiting for delivery").register(registry);
        Gauge.builder("referral.outbox.dead", this, m -> m.snapshot().dead())
                .description("dead-lettered messages").register(registry);
        Gauge.builder("referral.outbox.oldest.age.seconds", this,
                        m -> m.snapshot().oldestPending() == null ? 0.0
                                : Duration.between(m.snapshot().oldestPending(), clock.instant()).toMillis() / 1000.0)
                .description("age of the oldest waiting message").register(registry);
    }

    private Outbox.Depth snapshot() {
        Cached c = cached;
        long now = System.nanoTime();
        if (c == null || now - c.takenNanos() > SNAPSHOT_TTL.toNanos()) {
            c = new Cached(outbox.depth(), now);
            cached = c;
        }
        return c.depth();
    }

    private record Cached(Outbox.Depth depth, long takenNanos) { }

    void sent(Platform platform, Duration sinceQueued) {
        registry.counter("referral.outbox.sent", "platform", platform.name()).increment();
        Timer.builder("referral.outbox.delivery.latency").tag("platform", platform.name())
                .publishPercentileHistogram().register(registry).record(sinceQueued);
    }

    void throttled(Platform platform) {
        registry.counter("referral.outbox.throttled", "platform", platform.name()).increment();
    }

    void failed(Platform platform) {
        registry.counter("referral.outbox.failed", "platform", platform.name()).increment();
    }

    void deadLettered(Platform platform) {
        registry.counter("referral.outbox.dead.lettered", "platform", platform.name()).increment();
    }
}
