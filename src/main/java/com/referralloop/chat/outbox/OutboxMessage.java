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
 * @param mentions   the email addresses the message shows, lower-cased, so erasing a person finds its copies
 *                   by an exact indexed match (null on rows queued before the field existed)
 */
@Document("outbox")
// the poll: waiting rows due by now (state, then the time range)
@CompoundIndex(name = "due", def = "{'state': 1, 'nextAttemptAt': 1}")
// the depth gauges' oldest waiting row, and the listing of one state newest first
@CompoundIndex(name = "outbox_state_created", def = "{'state': 1, 'createdAt': 1}")
// the retention job: sent rows older than the retention, oldest first
@CompoundIndex(name = "outbox_sent", def = "{'state': 1, 'sentAt': 1}")
// erasing a person: the copies of their follow-ups' and requests' messages, and every message naming them
@CompoundIndex(name = "outbox_subject", def = "{'subjectId': 1}")
@CompoundIndex(name = "outbox_mentions", def = "{'mentions': 1}")
// GET /api/outbox with no state: newest first, a page at a time
@CompoundIndex(name = "outbox_created", def = "{'createdAt': -1, '_id': -1}")
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
        @Indexed(unique = true, sparse = true) String leaseToken,
        java.util.List<String> mentions) {

    /** The shape before claim keys existed; kept so senders' tests can build a message without them. */
    public OutboxMessage(String id, String dedupeKey, OutboxKind kind, ChatTarget target, ChatMessage message,
                         String subjectId, OutboxState state, int attempts, int throttled, Instant createdAt,
                         Instant nextAttemptAt, String leaseOwner, Instant leaseUntil, String lastError, Instant sentAt,
                         String sentRef) {
        this(id, dedupeKey, kind, target, message, subjectId, state, attempts, throttled, createdAt, nextAttemptAt,
                leaseOwner, leaseUntil, lastError, sentAt, sentRef, null, null, null);
    }

    /** A new message waiting for its first claim (its ready key is its dedupe key). */
    static OutboxMessage queued(String dedupeKey, OutboxKind kind, ChatTarget target, ChatMessage message,
                                String subjectId, Instant now) {
        return new OutboxMessage(null, dedupeKey, kind, target, message, subjectId, OutboxState.PENDING, 0, 0, now, now,
                null, null, null, null, null, dedupeKey, null, OutboxMentions.of(message));
    }

    /** POST a new message, or UPDATE one already sent (its reference is in {@code target.threadRef}). */
    public enum OutboxKind { POST, UPDATE }
}
