package com.referralloop.followup;

import com.referralloop.feedback.Feedback;
import com.referralloop.feedback.FeedbackEvents.FeedbackReceived;
import com.referralloop.feedback.FeedbackService;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
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

    private final FollowUpService followUps;
    private final FeedbackService feedback;
    /** Answers handed to the executor and not finished yet, so the sweep leaves them alone. */
    private final Set<String> queued = ConcurrentHashMap.newKeySet();
    /** The one full scan of the answers, at the first sweep after start-up. */
    private volatile boolean markersChecked;
    /**
     * Four threads (an opening is a chain of short store round trips, so it mostly waits) and a bounded
     * queue: a burst beyond it is not lost (each answer has its pending marker) but left to the sweep,
     * instead of growing memory without limit.
     */
    private final ExecutorService executor = new ThreadPoolExecutor(4, 4, 0, TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(10_000), r -> {
                Thread t = new Thread(r, "followup-opener");
                t.setDaemon(true);
                return t;
            });

    FollowUpProcessor(FollowUpService followUps, FeedbackService feedback) {
        this.followUps = followUps;
        this.feedback = feedback;
    }

    @EventListener
    void on(FeedbackReceived received) {
        String id = received.feedbackId();
        if (!queued.add(id)) {
            return;
        }
        try {
            Feedback stored = received.feedback();
            executor.execute(() -> {
                try {
                    if (stored != null) {
                        open(id, stored);
                    } else {
                        open(id);
                    }
                } finally {
                    queued.remove(id);
                }
            });
        } catch (RejectedExecutionException closing) {
            queued.remove(id);
            // shutting down: the sweep of the next start opens it
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
            for (String id : feedback.pendingFollowUps(200)) {
                // during a burst the answers still waiting are mostly already queued here: opening them
                // twice would double the store work exactly when it is scarce
                if (!queued.contains(id)) {
                    open(id);
                }
            }
        } catch (RuntimeException e) {
            log.warn("Follow-up sweep failed, will retry: {}", e.toString());
        }
    }

    private void open(String feedbackId) {
        open(feedbackId, null);
    }

    private void open(String feedbackId, Feedback stored) {
        try {
            if (stored != null) {
                followUps.openFor(feedbackId, stored);
            } else {
                followUps.openFor(feedbackId);
            }
        } catch (RuntimeException e) {
            log.warn("Could not open follow-up for answer {} yet (the sweep retries): {}", feedbackId, e.toString());
        }
    }

    @jakarta.annotation.PreDestroy
    void stop() {
        executor.shutdownNow();
    }
}
