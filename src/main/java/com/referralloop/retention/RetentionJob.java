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
 * Keeps history out of the live path: moves sent outbox messages to the archive minutes after sending and
 * deletes them from it after weeks (keeping their dedupe keys compactly),
 * forgets those keys after their own, far longer retention, trims the minor events of follow-ups closed long
 * ago, and deletes pending markers whose answer is followed up. Every kind is read by an indexed time field,
 * oldest first, in batches; one run on one instance at a time (ShedLock).
 */
@Component
public class RetentionJob {

    private static final Logger log = LoggerFactory.getLogger(RetentionJob.class);

    /** What one run removed ({@code outboxArchived}: moved out of the live outbox, not deleted). */
    public record Run(int outboxArchived, int outboxRows, long keysForgotten, int followUpsTrimmed, int markers) {

        int total() {
            return outboxArchived + outboxRows + (int) keysForgotten + followUpsTrimmed + markers;
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

    /**
     * The move of sent messages out of the live outbox, on its own faster schedule: every delivery claim reads
     * the live collection, and the embedded store scans all of it, so sent rows must not pile up there for an hour.
     */
    @Scheduled(fixedDelayString = "${referral.retention.outbox-live-check-interval:1m}",
            initialDelayString = "${referral.retention.initial-delay:5m}")
    @SchedulerLock(name = "retention-outbox-archive", lockAtMostFor = "${referral.retention.outbox-live-lock-at-most-for:10m}",
            lockAtLeastFor = "${referral.retention.outbox-live-lock-at-least-for:10s}")
    public void scheduledArchive() {
        try {
            int moved = archiveOnce();
            if (moved > 0) {
                log.info("Retention: {} sent outbox messages moved to the archive (keys kept)", moved);
            }
        } catch (RuntimeException e) {
            log.warn("Outbox archive run failed, the next run carries on: {}", e.toString());
        }
    }

    /** Moves the sent messages past the live window to the archive, in batches; returns how many. */
    public int archiveOnce() {
        Instant now = clock.instant();
        return batches(() -> outbox.archiveSent(now.minus(props.outboxLive()), now.plus(props.deliveredKeys()),
                props.batchSize()));
    }

    public Run runOnce() {
        int archived = archiveOnce();
        Instant now = clock.instant();
        int batch = props.batchSize();
        int rows = batches(() -> outbox.pruneSent(now.minus(props.outboxSent()), now.plus(props.deliveredKeys()), batch));
        long keys = batches(() -> (int) outbox.forgetExpiredKeys(now, batch));
        int trimmed = batches(() -> followUps.trimClosedBefore(now.minus(props.followupEvents()), batch));
        int markers = feedback.pruneAnsweredMarkers(now.minus(props.pending()), batch, props.maxBatches());
        Run run = new Run(archived, rows, keys, trimmed, markers);
        if (run.total() > 0) {
            log.info("Retention: {} sent outbox messages archived, {} deleted (keys kept), {} kept keys forgotten, {} "
                    + "closed follow-ups' events trimmed, {} answered pending markers deleted", archived, rows, keys,
                    trimmed, markers);
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
