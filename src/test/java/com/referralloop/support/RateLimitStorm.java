package com.referralloop.support;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A rate-limit storm an API stub plays, and the clock of every call it answered. While the storm lasts, three
 * calls in four are answered 429 with {@code Retry-After} (whole seconds, as the CRMs send it); the stub
 * records each call's arrival and answer, so a test can name every call that came while a Retry-After it
 * had answered was still running.
 */
public final class RateLimitStorm {

    /** One call as the stub served it; times from System.nanoTime(). */
    public record Answer(String what, long arrivedNanos, long answeredNanos, int status, Duration quiet) { }

    private final List<Answer> answers = new CopyOnWriteArrayList<>();
    private final AtomicLong seen = new AtomicLong();
    private volatile long untilNanos = System.nanoTime();
    private volatile int retryAfterSeconds = 1;

    /** Starts a storm of {@code length}: from now, three calls in four are answered 429 Retry-After {@code seconds}. */
    public void start(Duration length, int seconds) {
        retryAfterSeconds = seconds;
        seen.set(0);
        untilNanos = System.nanoTime() + length.toNanos();
    }

    public boolean raging() {
        return System.nanoTime() - untilNanos < 0;
    }

    /** Whether the call arriving now is answered 429 (every fourth one during the storm goes through). */
    public boolean limits() {
        return raging() && seen.incrementAndGet() % 4 != 0;
    }

    public int retryAfterSeconds() {
        return retryAfterSeconds;
    }

    /**
     * Notes one answered call.
     *
     * @param quiet how long the answer asked the client to send nothing (a 429's Retry-After, or a pause the
     *              client is documented to keep, such as Salesforce's usage throttle); null for none
     */
    public void answered(String what, long arrivedNanos, int status, Duration quiet) {
        answers.add(new Answer(what, arrivedNanos, System.nanoTime(), status, quiet));
    }

    public List<Answer> answers() {
        return List.copyOf(answers);
    }

    public long count(int status) {
        return answers.stream().filter(a -> a.status() == status).count();
    }

    /**
     * Every call that arrived while an earlier answer's quiet was running. A call that was already on its way
     * when that answer left (another thread of the client sent it before reading the answer) arrives within
     * {@code inFlight} of it and is not counted.
     */
    public List<String> callsInsideQuiet(Duration inFlight) {
        List<String> early = new ArrayList<>();
        for (Answer quiet : answers) {
            if (quiet.quiet() == null) {
                continue;
            }
            long from = quiet.answeredNanos() + inFlight.toNanos();
            long to = quiet.answeredNanos() + quiet.quiet().toNanos();
            for (Answer a : answers) {
                if (a.arrivedNanos() - from > 0 && to - a.arrivedNanos() > 0) {
                    early.add(a.what() + " arrived " + Duration.ofNanos(a.arrivedNanos() - quiet.answeredNanos()).toMillis()
                            + " ms after " + quiet.what() + " answered " + quiet.status() + " asking for " + quiet.quiet());
                }
            }
        }
        return early;
    }
}
