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
 * Retry-After, a refused token or a rejected write is dead-lettered (visible in /api/outbox), anything else is
 * retried with the outbox's backoff. The write travels as JSON in the message text.
 */
public class CrmWriteSender implements ChatSender {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final CrmConnector crm;

    CrmWriteSender(CrmConnector crm) {
        this.crm = crm;
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
        CrmWrite write;
        try {
            write = decode(message.message().text());
        } catch (JacksonException e) {
            return new SendResult.Permanent("not a CRM write: " + e.getOriginalMessage());
        }
        try {
            return SendResult.sent(crm.name() + ":" + crm.write(write));
        } catch (CrmException e) {
            return switch (e.kind()) {
                case RATE_LIMITED -> new SendResult.Throttled(e.retryAfter() == null ? Duration.ofSeconds(10) : e.retryAfter());
                case UNAUTHORIZED, REJECTED -> new SendResult.Permanent(e.getMessage());
                case FAILED -> new SendResult.Failed(e.getMessage());
            };
        }
    }
}
