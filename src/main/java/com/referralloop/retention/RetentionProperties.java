package com.referralloop.retention;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How long history stays in the live collections.
 *
 * @param outboxLive     sent outbox messages leave the live outbox for the archive this long after they were
 *                       sent: the live collection is what every delivery claim reads
 * @param outboxSent     sent outbox messages are deleted this long after they were sent (their dedupe keys stay)
 * @param deliveredKeys  how long a pruned message's dedupe key is still refused: far beyond any survey
 *                       provider's or chat platform's retry window
 * @param followupEvents the minor events of a follow-up are trimmed this long after it closed
 * @param pending        a pending-follow-up marker whose answer is followed up already is deleted after this
 * @param checkInterval  how often the job runs (once across instances)
 * @param outboxLiveCheckInterval how often sent messages past {@code outboxLive} are moved (once across instances)
 * @param batchSize      rows per query and per delete
 * @param maxBatches     batches per kind of row per run, so one run stays short; the rest waits for the next
 */
@ConfigurationProperties("referral.retention")
public record RetentionProperties(Duration outboxLive, Duration outboxSent, Duration deliveredKeys,
                                  Duration followupEvents, Duration pending, Duration checkInterval,
                                  Duration outboxLiveCheckInterval, int batchSize, int maxBatches) {

    public RetentionProperties {
        outboxLive = positive(outboxLive, Duration.ofMinutes(10), "REFERRAL_RETENTION_OUTBOX_LIVE", "10m");
        outboxSent = positive(outboxSent, Duration.ofDays(30), "REFERRAL_RETENTION_OUTBOX_SENT", "30d");
        deliveredKeys = positive(deliveredKeys, Duration.ofDays(400), "REFERRAL_RETENTION_DELIVERED_KEYS", "400d");
        followupEvents = positive(followupEvents, Duration.ofDays(180), "REFERRAL_RETENTION_FOLLOWUP_EVENTS", "180d");
        pending = positive(pending, Duration.ofDays(1), "REFERRAL_RETENTION_PENDING", "1d");
        checkInterval = positive(checkInterval, Duration.ofHours(1), "REFERRAL_RETENTION_INTERVAL", "1h");
        outboxLiveCheckInterval = positive(outboxLiveCheckInterval, Duration.ofMinutes(1),
                "REFERRAL_RETENTION_OUTBOX_LIVE_INTERVAL", "1m");
        if (outboxLive.compareTo(outboxSent) >= 0) {
            throw new IllegalArgumentException("REFERRAL_RETENTION_OUTBOX_LIVE (" + outboxLive + ") must be shorter than "
                    + "REFERRAL_RETENTION_OUTBOX_SENT (" + outboxSent + "): sent messages move to the archive after the "
                    + "first and are deleted after the second, e.g. REFERRAL_RETENTION_OUTBOX_LIVE=10m");
        }
        if (deliveredKeys.compareTo(outboxSent) <= 0) {
            throw new IllegalArgumentException("REFERRAL_RETENTION_DELIVERED_KEYS must be longer than "
                    + "REFERRAL_RETENTION_OUTBOX_SENT: a pruned message's key must outlive its row");
        }
        batchSize = batchSize <= 0 ? 500 : batchSize;
        maxBatches = maxBatches <= 0 ? 20 : maxBatches;
    }

    private static Duration positive(Duration value, Duration fallback, String variable, String example) {
        if (value == null) {
            return fallback;
        }
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(variable + " must be positive, e.g. " + example);
        }
        return value;
    }
}
