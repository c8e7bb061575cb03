package com.referralloop.chat.slack;

import com.referralloop.chat.Platform;
import com.referralloop.reply.FollowUpReplies;
import com.referralloop.reply.ReplyOutcome;
import com.slack.api.app_backend.events.payload.EventsApiPayload;
import com.slack.api.bolt.context.builtin.EventContext;
import com.slack.api.bolt.response.Response;
import com.slack.api.model.event.MessageEvent;
import com.slack.api.model.event.MessageFileShareEvent;
import com.slack.api.model.event.MessageThreadBroadcastEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Customer messages from Slack (Events API {@code message.im}, {@code message.channels}, {@code message.groups}):
 * a DM to the bot, or a reply in the thread of a follow-up message (e.g. in a Slack Connect channel), handed to
 * {@link FollowUpReplies}. Channel chatter outside a follow-up's thread and the bot's own messages are skipped.
 */
final class SlackMessages {

    private static final Logger log = LoggerFactory.getLogger(SlackMessages.class);

    /** The fields of Slack's message events (plain, file share, thread broadcast) this feature reads. */
    record Incoming(String eventId, String channel, String channelType, String user, String botId, String text,
                    String ts, String threadTs) {

        /** A DM to the bot: channel_type im (older payloads without it: a D… channel). */
        boolean direct() {
            return "im".equals(channelType) || (channelType == null && channel != null && channel.startsWith("D"));
        }

        /** {@code channel:thread_ts} when this is a reply inside a thread, the same ref the Slack sender stores. */
        String threadRef() {
            if (threadTs == null || threadTs.isBlank() || threadTs.equals(ts) || channel == null) {
                return null;
            }
            return new SlackRef(channel, threadTs).toString();
        }
    }

    private final FollowUpReplies replies;
    private final SlackEventLog events;

    SlackMessages(FollowUpReplies replies, SlackEventLog events) {
        this.replies = replies;
        this.events = events;
    }

    Response message(EventsApiPayload<MessageEvent> p, EventContext ctx) {
        MessageEvent e = p.getEvent();
        return handle(new Incoming(p.getEventId(), e.getChannel(), e.getChannelType(), e.getUser(), e.getBotId(),
                e.getText(), e.getTs(), e.getThreadTs()), ctx);
    }

    Response fileShare(EventsApiPayload<MessageFileShareEvent> p, EventContext ctx) {
        MessageFileShareEvent e = p.getEvent();
        return handle(new Incoming(p.getEventId(), e.getChannel(), e.getChannelType(), e.getUser(), null,
                e.getText(), e.getTs(), e.getThreadTs()), ctx);
    }

    Response threadBroadcast(EventsApiPayload<MessageThreadBroadcastEvent> p, EventContext ctx) {
        MessageThreadBroadcastEvent e = p.getEvent();
        return handle(new Incoming(p.getEventId(), e.getChannel(), e.getChannelType(), e.getUser(), null,
                e.getText(), e.getTs(), e.getThreadTs()), ctx);
    }

    /**
     * Runs on the request thread: a few MongoDB reads and one update, well inside Slack's 3 s. When storing
     * fails the event id is forgotten and Slack is answered 500, so its retry delivers the reply again.
     */
    Response handle(Incoming m, EventContext ctx) {
        if (m.user() == null || m.botId() != null || m.text() == null || m.text().isBlank()) {
            return ctx.ack(); // the bot's own posts, other apps, system messages
        }
        String ref = m.threadRef();
        if (!m.direct() && (ref == null || replies.findByThread(Platform.SLACK, ref).isEmpty())) {
            return ctx.ack(); // channel talk that is not a reply under one of our follow-ups
        }
        if (!events.firstDelivery(m.eventId(), "message")) {
            return ctx.ack();
        }
        try {
            ReplyOutcome outcome = replies.fromChat(Platform.SLACK, m.user(), ref, unescape(m.text()));
            log.info("Slack message {} from {}: {} {}", m.eventId(), m.user(), outcome.status(),
                    outcome.followUpId() != null ? outcome.followUpId() : outcome.reason());
            return ctx.ack();
        } catch (RuntimeException ex) {
            log.error("Slack message {} could not be stored; Slack will retry it", m.eventId(), ex);
            events.forget(m.eventId());
            return Response.builder().statusCode(500).contentType("text/plain").body("").build();
        }
    }

    /** Slack escapes &, < and > in message text; store what the customer typed (it is escaped again on display). */
    static String unescape(String s) {
        return s.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
    }
}
