package com.referralloop.followup;

import com.referralloop.feedback.FeedbackEvents.FeedbackReceived;
import com.referralloop.feedback.FeedbackService;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Creates follow-ups after the webhook has answered: at once for answers stored here, and by a sweep
 * of stored answers still waiting (the process may have died after storing one, or another instance
 * stored it). Everything it needs is in MongoDB, nothing only in memory.
 */
@Component
class FollowUpProcessor {

    private static final Logger log = LoggerFactory.getLogger(FollowUpProcessor.class);
    /** Answers opened together: the store round trips of a batch do not grow with its size. */
    static final int BATCH = 64;
    /** Bounded: a burst beyond it is not lost (each answer has its pending marker) but left to the sweep. */
    static final int QUEUE_CAPACITY = 10_000;

    private final FollowUpOpener followUps;
    private final FeedbackService feedback;
    /** Answers queued or being opened here, so the sweep leaves them alone. */
    private final Set<String> queued = ConcurrentHashMap.newKeySet();
    private final BlockingQueue<String> waiting = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
    /**
     * One opener: answers arriving while it opens a batch wait and form the next one, so under load the
     * batches grow and the store work per answer shrinks; a second thread would only contend for the
     * same store locks.
     */
    private final Thread opener;
    /** The one full scan of the answers, at the first sweep after start-up. */
    private volatile boolean markersChecked;
    private volatile boolean stopping;

    FollowUpProcessor(FollowUpOpener followUps, FeedbackService feedback) {
        this.followUps = followUps;
        this.feedback = feedback;
        this.opener = new Thread(this::drain, "followup-opener");
        this.opener.setDaemon(true);
        this.opener.start();
    }

    @EventListener
    void on(FeedbackReceived received) {
        String id = received.feedbackId();
        if (stopping) {
            // shutting down: the sweep of the next start opens it
            return;
        }
        // queued even when the sweep holds it: the marker is written just before the answer, so a sweep
        // may have read the marker but not yet the answer, and would leave it to its next round
        queued.add(id);
        if (!waiting.offer(id)) {
            // full: its marker is stored, the sweep opens it
            queued.remove(id);
        }
    }

    private void drain() {
        List<String> batch = new ArrayList<>(BATCH);
        while (!stopping) {
            try {
                batch.add(waiting.take());
                waiting.drainTo(batch, BATCH - 1);
                openBatch(batch);
            } catch (InterruptedException stop) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                // openBatch handles its own failures; this keeps the opener alive whatever happens
                log.warn("Follow-up opener: {}", e.toString());
            } finally {
                queued.removeAll(batch);
                batch.clear();
            }
        }
    }

    /**
     * Opens a batch together; if that fails, opens its answers one by one, so one bad answer cannot
     * block the others (whatever still fails keeps its marker for the sweep).
     */
    private void openBatch(List<String> answers) {
        List<String> left;
        try {
            left = followUps.openAll(answers);
        } catch (RuntimeException e) {
            log.warn("Could not open a batch of {} follow-ups, opening them one by one: {}", answers.size(), e.toString());
            left = answers;
        }
        for (String id : left) {
            open(id);
        }
    }

    @Scheduled(fixedDelayString = "${referral.followup.sweep-interval:5s}", initialDelayString = "2s")
    void sweep() {
        try {
            if (!markersChecked) {
                // answers stored before pending markers existed (or by an older version) get one now
                int marked = feedback.markUnfinished();
                markersChecked = true;
                if (marked > 0) {
                    log.info("Marked {} stored answers still waiting for their follow-up", marked);
                }
            }
            List<String> batch = new ArrayList<>();
            for (String id : feedback.pendingFollowUps(200)) {
                // during a burst the answers still waiting are mostly already queued here: opening them
                // twice would double the store work exactly when it is scarce
                if (queued.add(id)) {
                    batch.add(id);
                }
                if (batch.size() == BATCH) {
                    sweepBatch(batch);
                }
            }
            sweepBatch(batch);
        } catch (RuntimeException e) {
            log.warn("Follow-up sweep failed, will retry: {}", e.toString());
        }
    }

    private void sweepBatch(List<String> batch) {
        if (batch.isEmpty()) {
            return;
        }
        try {
            openBatch(new ArrayList<>(batch));
        } finally {
            queued.removeAll(batch);
            batch.clear();
        }
    }

    private void open(String feedbackId) {
        try {
            followUps.openFor(feedbackId);
        } catch (RuntimeException e) {
            log.warn("Could not open follow-up for answer {} yet (the sweep retries): {}", feedbackId, e.toString());
        }
    }

    @jakarta.annotation.PreDestroy
    void stop() {
        stopping = true;
        opener.interrupt();
    }
}
