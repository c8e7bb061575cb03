package com.referralloop.retention;

import com.referralloop.chat.outbox.OutboxRetention;
import com.referralloop.feedback.FeedbackService;
import com.referralloop.followup.FollowUpHistory;
import java.time.Clock;
import java.time.Instant;
import java.util.function.IntSupplier;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Keeps history out of the live path: deletes sent outbox messages (keeping their dedupe keys compactly),
 * forgets those keys after their own, far longer retention, trims the minor events of follow-ups closed long
 * ago, and deletes pending markers whose answer is followed up. Every kind is read by an indexed time field,
 * oldest first, in batches; one run on one instance at a time (ShedLock).
 */
@Component
public class RetentionJob {

    private static final Logger log = LoggerFactory.getLogger(RetentionJob.class);

    /** What one run removed. */
    public record Run(int outboxRows, long keysForgotten, int followUpsTrimmed, int markers) {

        int total() {
            return outboxRows + (int) keysForgotten + followUpsTrimmed + markers;
        }
    }

    private final OutboxRetention outbox;
    private final FollowUpHistory followUps;
    private final FeedbackService feedback;
    private final RetentionProperties props;
    private final Clock clock;

    RetentionJob(OutboxRetention outbox, FollowUpHistory followUps, FeedbackService feedback,
                 RetentionProperties props, Clock clock) {
        this.outbox = outbox;
        this.followUps = followUps;
        this.feedback = feedback;
        this.props = props;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${referral.retention.check-interval:1h}", initialDelayString = "${referral.retention.initial-delay:5m}")
    @SchedulerLock(name = "retention", lockAtMostFor = "${referral.retention.lock-at-most-for:${referral.retention.check-interval:1h}}",
            lockAtLeastFor = "${referral.retention.lock-at-least-for:${referral.retention.check-interval:1h}}")
    public void scheduled() {
        try {
            runOnce();
        } catch (RuntimeException e) {
            log.warn("Retention run failed, the next run carries on: {}", e.toString());
        }
    }

    public Run runOnce() {
        Instant now = clock.instant();
        int batch = props.batchSize();
        int rows = batches(() -> outbox.pruneSent(now.minus(props.outboxSent()), now.plus(props.deliveredKeys()), batch));
        long keys = batches(() -> (int) outbox.forgetExpiredKeys(now, batch));
        int trimmed = batches(() -> followUps.trimClosedBefore(now.minus(props.followupEvents()), batch));
        int markers = feedback.pruneAnsweredMarkers(now.minus(props.pending()), batch, props.maxBatches());
        Run run = new Run(rows, keys, trimmed, markers);
        if (run.total() > 0) {
            log.info("Retention: {} sent outbox messages deleted (keys kept), {} kept keys forgotten, {} closed "
                    + "follow-ups' events trimmed, {} answered pending markers deleted", rows, keys, trimmed, markers);
        }
        return run;
    }

    /** Repeats one batch while batches come back full, up to the run's cap. */
    private int batches(IntSupplier oneBatch) {
        int total = 0;
        for (int i = 0; i < props.maxBatches(); i++) {
            int n = oneBatch.getAsInt();
            total += n;
            if (n < props.batchSize()) {
                break;
            }
        }
        return total;
    }
}
