package com.referralloop.chat.outbox;

import jakarta.annotation.PreDestroy;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Runs the worker: at once when a message is queued here (low latency), and on a timer for retries,
 * for messages queued by other instances, and for leases left by a crash.
 */
@Component
class OutboxTrigger {

    private static final Logger log = LoggerFactory.getLogger(OutboxTrigger.class);

    private final OutboxWorker worker;
    private final ExecutorService executor;
    private final OutboxProperties props;
    /** When this instance last queued a message, and when the poll last ran the full claim query. */
    private volatile long lastQueuedNanos = System.nanoTime() - Long.MAX_VALUE / 4;
    private volatile long lastScanNanos = System.nanoTime() - Long.MAX_VALUE / 4;

    /** Re-offers retries when they are due (one daemon thread: it only hands keys to the lanes). */
    private final ScheduledExecutorService retries =
            Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "outbox-retry");
                t.setDaemon(true);
                return t;
            });

    OutboxTrigger(OutboxWorker worker, ExecutorService outboxExecutor, OutboxProperties props) {
        this.worker = worker;
        this.executor = outboxExecutor;
        this.props = props;
        worker.onRetry((wait, key, subject) -> {
            try {
                retries.schedule(() -> {
                    int lane = worker.offer(key, subject);
                    kick(() -> worker.drainLane(lane));
                }, Math.max(0, wait.toMillis()), TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException shuttingDown) {
                // the key stays in the store: any instance's poll claims it when due
            }
        });
    }

    @PreDestroy
    void stop() {
        retries.shutdownNow();
    }

    /** A message queued here: claim just that one by its key (cheap on any store), no scan. */
    @EventListener
    void on(Outbox.MessageQueued queued) {
        if (props.enabled()) {
            lastQueuedNanos = System.nanoTime();
            int lane = worker.offer(queued.dedupeKey(), queued.subjectId());
            kick(() -> worker.drainLane(lane));
        }
    }

    @Scheduled(fixedDelayString = "${referral.outbox.poll-interval:1s}", initialDelayString = "1s")
    void poll() {
        long now = System.nanoTime();
        long interval = props.pollInterval().toNanos();
        // during a burst of local messages, or while the lanes still work through a backlog (claimed by key,
        // no scan), the full claim query scans the whole collection on the embedded store while holding its
        // lock; it only finds other instances' messages and expired leases, which can wait a little: at most
        // ten poll intervals
        boolean busy = now - lastQueuedNanos < interval || worker.lanesHoldKeys();
        if (busy && now - lastScanNanos < 10 * interval) {
            return;
        }
        lastScanNanos = now;
        kick(worker::drain);
    }

    private void kick(Runnable work) {
        if (!props.enabled()) {
            return;
        }
        try {
            executor.execute(() -> {
                try {
                    work.run();
                } catch (RuntimeException e) {
                    log.warn("Outbox drain failed: {}", e.toString());
                }
            });
        } catch (RejectedExecutionException shuttingDown) {
            // the context is closing; the next start picks the message up
        }
    }
}
