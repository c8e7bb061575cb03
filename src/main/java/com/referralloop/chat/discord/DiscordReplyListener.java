package com.referralloop.chat.discord;

import com.referralloop.chat.Platform;
import com.referralloop.reply.FollowUpReplies;
import com.referralloop.reply.ReplyOutcome;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.entities.MessageReference;
import net.dv8tion.jda.api.entities.User;
import net.dv8tion.jda.api.events.message.MessageReceivedEvent;
import net.dv8tion.jda.api.hooks.ListenerAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Customer messages from Discord, handed to {@link FollowUpReplies}: a DM to the bot, or a reply (Discord's
 * message reference) to a follow-up message the bot posted, named {@code channelId:messageId} exactly as
 * {@link DiscordRestSender} stored it. Both carry their content without the privileged MESSAGE_CONTENT
 * intent; other guild messages are ignored, and so are bots, webhooks and system messages.
 */
class DiscordReplyListener extends ListenerAdapter {

    private static final Logger log = LoggerFactory.getLogger(DiscordReplyListener.class);

    private final FollowUpReplies replies;
    private final Executor executor;

    DiscordReplyListener(FollowUpReplies replies, Executor executor) {
        this.replies = replies;
        this.executor = executor;
    }

    @Override
    public void onMessageReceived(MessageReceivedEvent event) {
        User author = event.getAuthor();
        if (author == null || author.isBot() || author.isSystem() || event.isWebhookMessage()) {
            return;
        }
        Message message = event.getMessage();
        String text = message.getContentRaw();
        String ref = replyRef(message);
        boolean dm = !event.isFromGuild();
        if (!dm && ref == null) {
            return; // channel talk, not a reply to anything
        }
        if (text == null || text.isBlank()) {
            // a guild reply with the @-ping switched off arrives without content (no MESSAGE_CONTENT intent)
            log.info("Discord message {} from {} has no readable content; not stored", message.getId(), author.getId());
            return;
        }
        String senderId = author.getId();
        try {
            // MongoDB work off JDA's event thread, so the gateway keeps flowing
            executor.execute(() -> store(senderId, ref, dm, text, message.getId()));
        } catch (RejectedExecutionException shuttingDown) {
            log.warn("Discord message {} not stored: shutting down", message.getId());
        }
    }

    private void store(String senderId, String ref, boolean dm, String text, String messageId) {
        try {
            if (!dm && replies.findByThread(Platform.DISCORD, ref).isEmpty()) {
                return; // a reply to someone else's message, or to a bot message that is not a follow-up
            }
            ReplyOutcome outcome = replies.fromChat(Platform.DISCORD, senderId, ref, text);
            log.info("Discord message {} from {}: {} {}", messageId, senderId, outcome.status(),
                    outcome.followUpId() != null ? outcome.followUpId() : outcome.reason());
        } catch (RuntimeException e) {
            log.error("Discord message {} could not be stored", messageId, e);
        }
    }

    /** {@code channelId:messageId} of the message this one replies to (not a forward), else null. */
    static String replyRef(Message message) {
        MessageReference r = message.getMessageReference();
        if (r == null || r.getType() != MessageReference.MessageReferenceType.DEFAULT
                || r.getChannelId() == null || r.getMessageId() == null) {
            return null;
        }
        return r.getChannelId() + ":" + r.getMessageId();
    }
}
