package com.referralloop.chat.outbox;

import com.referralloop.chat.ChatTarget;

/** Facts the outbox announces, so features can react without knowing senders. */
public final class OutboxEvents {

    private OutboxEvents() {
    }

    /** A message reached its platform; {@code ref} lets it be updated later. */
    public record MessageSent(String outboxId, String subjectId, ChatTarget target, String ref) { }

    /** A message was given up on; operators must look. */
    public record MessageDeadLettered(String outboxId, String subjectId, ChatTarget target, String reason) { }
}
