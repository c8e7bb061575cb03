package com.referralloop.chat.slack;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs command and click handlers off the request thread with a time budget: a quick answer goes
 * into Slack's acknowledgement, a slow one is delivered later (response_url), so Slack always gets
 * its acknowledgement within 3 s and never retries a command.
 */
final class SlackWork implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SlackWork.class);

    private final ThreadPoolExecutor executor;
    private final Duration budget;

    SlackWork(int threads, Duration budget) {
        AtomicInteger n = new AtomicInteger();
        this.executor = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS, new ArrayBlockingQueue<>(1000), r -> {
            Thread t = new Thread(r, "slack-work-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.executor.allowCoreThreadTimeOut(true);
        this.budget = budget;
    }

    /**
     * Runs {@code work}; returns its result if it finishes within the budget. Otherwise returns empty
     * and hands the result to {@code late} when it is ready.
     */
    <T> Optional<T> within(Supplier<T> work, Consumer<T> late) {
        CompletableFuture<T> future;
        try {
            future = CompletableFuture.supplyAsync(work, executor);
        } catch (RejectedExecutionException busy) {
            throw new SlackBusyException();
        }
        try {
            return Optional.ofNullable(future.get(budget.toMillis(), TimeUnit.MILLISECONDS));
        } catch (TimeoutException slow) {
            future.whenComplete((result, error) -> {
                if (error != null) {
                    log.error("Slow Slack handler failed", error);
                } else {
                    run(() -> late.accept(result));
                }
            });
            return Optional.empty();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** Runs follow-up work (answers via response_url, views.publish) after the acknowledgement. */
    void run(Runnable task) {
        try {
            executor.execute(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    log.warn("Slack follow-up work failed: {}", e.toString());
                }
            });
        } catch (RejectedExecutionException busy) {
            log.warn("Slack work queue is full; dropped a follow-up answer");
        }
    }

    @Override
    public void close() {
        executor.shutdown();
    }

    /** Too much work queued: the user is asked to try again rather than left waiting. */
    static final class SlackBusyException extends RuntimeException {
        SlackBusyException() {
            super("Referral Loop is busy right now; try again in a moment.");
        }
    }
}
