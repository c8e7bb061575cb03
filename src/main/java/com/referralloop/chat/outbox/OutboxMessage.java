package com.referralloop.chat.outbox;

import com.referralloop.chat.ChatMessage;
import com.referralloop.chat.ChatTarget;
import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One message waiting for delivery. A worker owns it while {@code leaseUntil} is in the future;
 * a crash lets the lease run out and another worker takes it over.
 *
 * @param readyKey   set (to the dedupe key) while a new message waits for its first claim, so the
 *                   instance that queued it claims it by an exact match on a unique index
 * @param leaseToken unique per claim; the claimer records the outcome by an exact match on it, and a
 *                   worker whose lease was taken over finds nothing to update
 */
@Document("outbox")
@CompoundIndex(name = "due", def = "{'state': 1, 'nextAttemptAt': 1}")
// an erase finds the stored copies about a person by subject (follow-up cards, CRM writes of their record)
@CompoundIndex(name = "outbox_subject", def = "{'subjectId': 1}")
public record OutboxMessage(
        @Id String id,
        @Indexed(unique = true) String dedupeKey,
        OutboxKind kind,
        ChatTarget target,
        ChatMessage message,
        String subjectId,
        OutboxState state,
        int attempts,
        int throttled,
        Instant createdAt,
        Instant nextAttemptAt,
        String leaseOwner,
        Instant leaseUntil,
        String lastError,
        Instant sentAt,
        String sentRef,
        @Indexed(unique = true, sparse = true) String readyKey,
        @Indexed(unique = true, sparse = true) String leaseToken) {

    /** The shape before claim keys existed; kept so senders' tests can build a message without them. */
    public OutboxMessage(String id, String dedupeKey, OutboxKind kind, ChatTarget target, ChatMessage message,
                         String subjectId, OutboxState state, int attempts, int throttled, Instant createdAt,
                         Instant nextAttemptAt, String leaseOwner, Instant leaseUntil, String lastError, Instant sentAt,
                         String sentRef) {
        this(id, dedupeKey, kind, target, message, subjectId, state, attempts, throttled, createdAt, nextAttemptAt,
                leaseOwner, leaseUntil, lastError, sentAt, sentRef, null, null);
    }

    /** POST a new message, or UPDATE one already sent (its reference is in {@code target.threadRef}). */
    public enum OutboxKind { POST, UPDATE }
}
