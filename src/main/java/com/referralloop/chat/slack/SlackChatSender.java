package com.referralloop.chat.slack;

import com.referralloop.account.AccountService;
import com.referralloop.chat.Platform;
import com.referralloop.chat.outbox.ChatSender;
import com.referralloop.chat.outbox.OutboxMessage;
import com.referralloop.chat.outbox.SendResult;
import com.referralloop.support.LogSafe;
import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.response.chat.ChatPostMessageResponse;
import com.slack.api.methods.response.chat.ChatUpdateResponse;
import com.slack.api.methods.response.conversations.ConversationsOpenResponse;
import com.slack.api.methods.response.users.UsersLookupByEmailResponse;
import com.slack.api.model.block.LayoutBlock;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers outbox messages to Slack as Block Kit: chat.postMessage for new messages (DMs opened
 * with conversations.open, owners known only by email found with users.lookupByEmail), chat.update
 * for edits. It keeps to about one post a second per channel and maps Slack's answers onto the
 * outbox's outcomes: 429 waits for Retry-After, 5xx and timeouts retry, errors that no retry can
 * fix dead-letter at once.
 */
final class SlackChatSender implements ChatSender {

    private static final Logger log = LoggerFactory.getLogger(SlackChatSender.class);

    /** Errors that will not go away by trying again. */
    static final Set<String> PERMANENT = Set.of("channel_not_found", "not_in_channel", "account_inactive",
            "user_not_found", "users_not_found", "is_archived", "channel_is_archived", "user_disabled",
            "cannot_dm_bot", "msg_too_long", "no_text", "invalid_blocks", "invalid_blocks_format",
            "restricted_action", "message_not_found", "cant_update_message", "edit_window_closed",
            "invalid_arguments", "too_many_attachments");

    private final MethodsClient client;
    private final AccountService accounts;
    private final Clock clock;
    private final Duration channelInterval;
    private final Map<String, Instant> lastPost = new ConcurrentHashMap<>();
    /** DM channel by user id, and user id by email: neither changes while the process runs. */
    private final Map<String, String> dmChannels = new ConcurrentHashMap<>();
    private final Map<String, String> usersByEmail = new ConcurrentHashMap<>();

    private final Consumer<String> apiErrors;

    SlackChatSender(MethodsClient client, AccountService accounts, Clock clock, Duration channelInterval) {
        this(client, accounts, clock, channelInterval, code -> { });
    }

    /** {@code apiErrors} hears the code of every Web API error (metrics and health). */
    SlackChatSender(MethodsClient client, AccountService accounts, Clock clock, Duration channelInterval,
                    Consumer<String> apiErrors) {
        this.apiErrors = apiErrors;
        this.client = client;
        this.accounts = accounts;
        this.clock = clock;
        this.channelInterval = channelInterval;
    }

    @Override
    public Platform platform() {
        return Platform.SLACK;
    }

    @Override
    public SendResult send(OutboxMessage m) {
        try {
            return m.kind() == OutboxMessage.OutboxKind.UPDATE ? update(m) : post(m);
        } catch (SlackApiException e) {
            apiErrors.accept(e.getResponse() == null ? "http" : String.valueOf(e.getResponse().code()));
            return fromHttpStatus(e);
        } catch (IOException e) {
            apiErrors.accept("io");
            return new SendResult.Failed("Slack unreachable: " + e.getClass().getSimpleName() + ": " + e.getMessage());
        } catch (SlackError e) {
            return e.result;
        }
    }

    private SendResult post(OutboxMessage m) throws IOException, SlackApiException {
        String channel = channelFor(m.target().destination());
        Duration wait = reserve(channel);
        if (!wait.isZero()) {
            return new SendResult.Throttled(wait);
        }
        List<LayoutBlock> blocks = SlackBlocks.message(m.message(), m.subjectId(), true);
        String threadTs = m.target().threadRef() == null ? null : SlackRef.parse(m.target().threadRef()).ts();
        ChatPostMessageResponse r = client.chatPostMessage(req -> req.channel(channel).text(SlackBlocks.fallback(m.message()))
                .blocks(blocks).threadTs(threadTs).unfurlLinks(false).unfurlMedia(false));
        if (!r.isOk()) {
            return apiError(r.getError(), "chat.postMessage");
        }
        return SendResult.sent(new SlackRef(r.getChannel() == null ? channel : r.getChannel(), r.getTs()).toString());
    }

    private SendResult update(OutboxMessage m) throws IOException, SlackApiException {
        SlackRef ref;
        try {
            ref = SlackRef.parse(m.target().threadRef());
        } catch (IllegalArgumentException e) {
            return new SendResult.Permanent(e.getMessage());
        }
        ChatUpdateResponse r = client.chatUpdate(req -> req.channel(ref.channel()).ts(ref.ts())
                .text(SlackBlocks.fallback(m.message())).blocks(SlackBlocks.message(m.message(), m.subjectId(), true)));
        if (!r.isOk()) {
            return apiError(r.getError(), "chat.update");
        }
        return SendResult.sent(ref.toString());
    }

    /** Resolves a destination to a channel id Slack can post to, learning owners' Slack ids on the way. */
    String channelFor(String destination) throws IOException, SlackApiException {
        String user = destination;
        if (SlackDestinations.isEmail(destination)) {
            String email = SlackDestinations.email(destination);
            user = usersByEmail.get(email.toLowerCase(Locale.ROOT));
            if (user == null) {
                UsersLookupByEmailResponse r = client.usersLookupByEmail(req -> req.email(email));
                if (!r.isOk()) {
                    throw new SlackError(apiError(r.getError(), "users.lookupByEmail for " + LogSafe.email(email)));
                }
                user = r.getUser().getId();
                usersByEmail.put(email.toLowerCase(Locale.ROOT), user);
                String accountId = SlackDestinations.accountId(destination);
                if (accountId != null) {
                    accounts.rememberOwnerSlackId(accountId, user);
                }
            }
        } else if (!SlackDestinations.isUser(destination)) {
            return destination;
        }
        String cached = dmChannels.get(user);
        if (cached != null) {
            return cached;
        }
        String userId = user;
        ConversationsOpenResponse r = client.conversationsOpen(req -> req.users(List.of(userId)));
        if (!r.isOk()) {
            throw new SlackError(apiError(r.getError(), "conversations.open"));
        }
        dmChannels.put(userId, r.getChannel().getId());
        return r.getChannel().getId();
    }

    /** Zero when a post to this channel may go now (and books the slot), else how long to wait. */
    Duration reserve(String channel) {
        Instant now = clock.instant();
        Instant[] busyUntil = new Instant[1];
        lastPost.compute(channel, (k, last) -> {
            if (last != null && now.isBefore(last.plus(channelInterval))) {
                busyUntil[0] = last.plus(channelInterval);
                return last;
            }
            return now;
        });
        return busyUntil[0] == null ? Duration.ZERO : Duration.between(now, busyUntil[0]);
    }

    private SendResult apiError(String error, String what) {
        apiErrors.accept(error);
        return fromError(error, what);
    }

    static SendResult fromError(String error, String what) {
        if ("ratelimited".equals(error)) {
            return new SendResult.Throttled(Duration.ofSeconds(1));
        }
        if (PERMANENT.contains(error)) {
            return new SendResult.Permanent(what + ": " + error);
        }
        // unknown errors, auth errors included, are retried: an operator may fix them before the last attempt
        return new SendResult.Failed(what + ": " + error);
    }

    static SendResult fromHttpStatus(SlackApiException e) {
        int status = e.getResponse() == null ? 0 : e.getResponse().code();
        if (status == 429) {
            return new SendResult.Throttled(retryAfter(e.getResponse().header("Retry-After")));
        }
        if (e.getError() != null && e.getError().getError() != null) {
            return fromError(e.getError().getError(), "Slack HTTP " + status);
        }
        return new SendResult.Failed("Slack answered HTTP " + status);
    }

    static Duration retryAfter(String header) {
        try {
            long s = Long.parseLong(header == null ? "1" : header.trim());
            return Duration.ofSeconds(Math.max(1, Math.min(s, 600)));
        } catch (NumberFormatException e) {
            log.debug("Unreadable Retry-After '{}'", header);
            return Duration.ofSeconds(1);
        }
    }

    /** Carries an outcome out of destination resolution. */
    private static final class SlackError extends RuntimeException {
        private final transient SendResult result;

        SlackError(SendResult result) {
            super(result.toString(), null, false, false);
            this.result = result;
        }
    }
}
