package com.referralloop.chat.outbox;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Delivery tuning.
 *
 * @param maxAttempts  failed attempts before a message is dead-lettered
 * @param lease        how long a worker owns a claimed message
 * @param pollInterval how often a worker looks for retries, other instances' messages and expired leases
 * @param baseBackoff  first retry delay; doubles per attempt, with full jitter
 * @param maxBackoff   cap of the retry delay
 * @param batchSize    messages claimed per poll
 * @param enabled      whether this instance runs a worker
 * @param threads      messages sent at once (lanes); one follow-up's messages always share a lane, so they
 *                     keep their order, while a slow chat API call holds up only its own lane
 */
@ConfigurationProperties("referral.outbox")
public record OutboxProperties(int maxAttempts, Duration lease, Duration pollInterval, Duration baseBackoff,
                               Duration maxBackoff, int batchSize, Boolean enabled, int threads) {

    public OutboxProperties {
        maxAttempts = maxAttempts <= 0 ? 8 : maxAttempts;
        lease = lease == null ? Duration.ofSeconds(30) : lease;
        // new messages are claimed at once by key; the poll is for retries and crash recovery, and on the
        // embedded store each poll scans the collection, so it need not run often
        pollInterval = pollInterval == null ? Duration.ofSeconds(1) : pollInterval;
        baseBackoff = baseBackoff == null ? Duration.ofSeconds(1) : baseBackoff;
        maxBackoff = maxBackoff == null ? Duration.ofMinutes(10) : maxBackoff;
        batchSize = batchSize <= 0 ? 50 : batchSize;
        enabled = enabled == null ? Boolean.TRUE : enabled;
        threads = threads <= 0 ? 2 : threads;
    }
}
