package com.referralloop.crm;

import com.referralloop.chat.Platform;
import com.referralloop.chat.outbox.ChatSender;
import com.referralloop.chat.outbox.OutboxMessage;
import com.referralloop.chat.outbox.SendResult;
import java.time.Duration;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Delivers the CRM writes the outbox holds through the connector: a rate limit waits for the CRM's
 * Retry-After; a refused token turns the {@code crm} health DOWN and the writes wait (throttled, not failed)
 * until the token works again; a rejected write is dead-lettered (visible in /api/outbox); anything else is
 * retried with the outbox's backoff. The write travels as JSON in the message text. A note about a contact
 * that went out is remembered in {@link CrmNotes} (for an erase); deleting a note the CRM no longer has (404)
 * counts as done.
 */
public class CrmWriteSender implements ChatSender {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** What an erase leaves of the stored messages that named the person. */
    private static final String ERASED = "[erased]";

    private final CrmConnector crm;
    private final CrmHealth health;
    private final CrmNotes notes;
    /** How long writes wait before trying a refused token again. */
    private final Duration tokenRetry;

    CrmWriteSender(CrmConnector crm, CrmHealth health, CrmNotes notes, Duration tokenRetry) {
        this.crm = crm;
        this.health = health;
        this.notes = notes;
        this.tokenRetry = tokenRetry;
    }

    static String encode(CrmWrite w) {
        return JSON.writeValueAsString(w);
    }

    static CrmWrite decode(String text) {
        return JSON.readValue(text, CrmWrite.class);
    }

    @Override
    public Platform platform() {
        return Platform.CRM_SYNC;
    }

    @Override
    public SendResult send(OutboxMessage message) {
        if (message.kind() == OutboxMessage.OutboxKind.UPDATE) {
            return new SendResult.Permanent("CRM writes are not edited; a new write replaces the values");
        }
        if (ERASED.equals(message.message().text())) {
            // an erase overwrote this waiting write: the person's fields are cleared by the erase's own write
            return new SendResult.Permanent("the contact was erased before this write went out; nothing to write");
        }
        CrmWrite write;
        try {
            write = decode(message.message().text());
        } catch (JacksonException e) {
            return new SendResult.Permanent("not a CRM write: " + e.getOriginalMessage());
        }
        try {
            String id = crm.write(write);
            health.reachable();
            notes.sent(write, id);
            // null: the record the write changes is not in the CRM (a referrer cleared from a lead never written)
            return SendResult.sent(crm.name() + ":" + (id == null ? "nothing to change" : id));
        } catch (CrmException e) {
            if (write.kind() == CrmWrite.Kind.NOTE_DELETE && e.status() == 404) {
                // deleted in the CRM already (by a rep, or by this write before its answer was lost)
                notes.sent(write, write.key());
                return SendResult.sent(crm.name() + ":" + write.key() + " (already gone)");
            }
            return switch (e.kind()) {
                case RATE_LIMITED -> new SendResult.Throttled(e.retryAfter() == null ? Duration.ofSeconds(10) : e.retryAfter());
                case UNAUTHORIZED -> {
                    health.refused(e.getMessage());
                    yield new SendResult.Throttled(tokenRetry);
                }
                case REJECTED -> new SendResult.Permanent(e.getMessage());
                case FAILED -> new SendResult.Failed(e.getMessage());
            };
        }
    }
}
