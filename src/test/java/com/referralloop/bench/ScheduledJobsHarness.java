package com.referralloop.bench;

import com.referralloop.Application;
import com.referralloop.chat.outbox.OutboxWorker;
import com.referralloop.sla.SlaTimers;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The two background jobs, measured in-process: the app's Spring context started in the bench JVM against
 * the same store (every scheduled job pushed an hour out, so nothing runs but the measured calls), and its own
 * beans called directly: {@link SlaTimers#runOnce()} (one SLA timer run, without the ShedLock lock around it)
 * and {@link OutboxWorker#drain()} (what one outbox poll runs: the claim query for due messages). Documents
 * are counted by the same opt-in counter as in the app process, read from the context's registry.
 */
final class ScheduledJobsHarness implements AutoCloseable {

    private final ConfigurableApplicationContext context;
    final long startMillis;

    ScheduledJobsHarness(String mongoUri) {
        long t0 = System.nanoTime();
        // command-line arguments override application.yml; the intervals keep the context's own schedules out of the way
        context = new SpringApplicationBuilder(Application.class).run(
                "--server.port=0",
                "--referral.store.uri=" + mongoUri,
                "--referral.store.documents-metric=true",
                "--referral.sla.initial-delay=1h",
                "--referral.sla.check-interval=1h",
                "--referral.sla.review-check-interval=1h",
                "--referral.outbox.poll-interval=1h",
                "--referral.followup.sweep-interval=1h",
                "--referral.followup.snooze-check-interval=1h",
                "--referral.requests.check-interval=1h",
                "--logging.level.root=WARN",
                "--spring.main.banner-mode=off");
        startMillis = (System.nanoTime() - t0) / 1_000_000;
    }

    /** Runs both jobs; waits first until the one-off runs at start-up (outbox poll at 1 s, sweep at 2 s, snoozes at 10 s) are over. */
    List<Measurement.Result> measure() throws InterruptedException {
        Thread.sleep(Duration.ofSeconds(12).toMillis());
        SlaTimers sla = context.getBean(SlaTimers.class);
        OutboxWorker outbox = context.getBean(OutboxWorker.class);
        MeterRegistry registry = context.getBean(MeterRegistry.class);
        Measurement.Documents documents = () -> {
            Map<String, Double> out = new LinkedHashMap<>();
            for (Counter c : registry.find("referral.store.documents.returned").counters()) {
                out.merge(c.getId().getTag("collection"), c.count(), Double::sum);
            }
            return out;
        };
        return List.of(
                Measurement.of("SLA timer run (nothing due)", k -> {
                    long t0 = System.nanoTime();
                    SlaTimers.Run run = sla.runOnce();
                    if (run.reminded() + run.escalatedToManager() + run.escalatedToCustomerSuccess() > 0) {
                        throw new IllegalStateException("the SLA run found something due: " + run);
                    }
                    return System.nanoTime() - t0;
                }, documents),
                Measurement.of("outbox poll (nothing due)", k -> {
                    long t0 = System.nanoTime();
                    int handled = outbox.drain();
                    if (handled > 0) {
                        throw new IllegalStateException("the outbox poll delivered " + handled + " messages");
                    }
                    return System.nanoTime() - t0;
                }, documents));
    }

    @Override
    public void close() {
        context.close();
    }
}
