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

    private final MeterRegistry registry;

    OutboxMetrics(MeterRegistry registry, Outbox outbox, Clock clock) {
        this.registry = registry;
        Gauge.builder("referral.outbox.depth", outbox, o -> o.count(OutboxState.PENDING))
                .description("messages waiting for delivery").register(registry);
        Gauge.builder("referral.outbox.dead", outbox, o -> o.count(OutboxState.DEAD))
                .description("dead-lettered messages").register(registry);
        Gauge.builder("referral.outbox.oldest.age.seconds", outbox,
                        o -> o.oldestPendingCreatedAt().map(t -> Duration.between(t, clock.instant()).toMillis() / 1000.0).orElse(0.0))
                .description("age of the oldest waiting message").register(registry);
    }

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
