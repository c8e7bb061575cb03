package com.referralloop.web;

import com.referralloop.chat.ChatMessage;
import com.referralloop.chat.ChatTarget;
import com.referralloop.chat.Platform;
import com.referralloop.chat.outbox.Outbox;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;
import tools.jackson.databind.ObjectMapper;

/**
 * The CRM feed: queues events for the signed outbound webhook (CRM_WEBHOOK_URL). Any feature may call
 * {@link #publish}; delivery goes through the outbox, so it survives restarts and is retried. One event per
 * (type, id) is ever sent, however often it is published. Without CRM_WEBHOOK_URL nothing is queued.
 */
@Service
public class CrmFeed {

    static final String DESTINATION = "crm-webhook";

    private final Outbox outbox;
    private final WebProperties props;
    private final ObjectMapper json;

    CrmFeed(Outbox outbox, WebProperties props, ObjectMapper json) {
        this.outbox = outbox;
        this.props = props;
        this.json = json;
    }

    /** Queues the event; returns false when the feed is off or this event was queued before. */
    public boolean publish(CrmEvent event) {
        if (!props.crmConfigured()) {
            return false;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", event.type());
        body.put("id", event.id());
        body.put("occurredAt", event.occurredAt() == null ? null : event.occurredAt().toString());
        body.put("data", event.data());
        // the outbox stores neutral chat messages: the JSON body travels in text, the type in title
        ChatMessage message = new ChatMessage(event.type(), json.writeValueAsString(body), List.of(), List.of(), null);
        // the subject id must not look like a follow-up id, or the follow-up would start tracking this "message"
        return outbox.enqueue(dedupeKey(event), ChatTarget.of(Platform.CRM, DESTINATION), message,
                "crm:" + event.type() + ":" + event.id());
    }

    static String dedupeKey(CrmEvent event) {
        return "crm:" + event.type() + ":" + event.id();
    }
}
