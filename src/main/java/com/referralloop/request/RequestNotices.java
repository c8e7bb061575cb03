package com.referralloop.request;

import com.referralloop.account.Contact;
import com.referralloop.chat.ChatMessage;
import com.referralloop.chat.ChatTarget;
import com.referralloop.chat.DeliveryRouter;
import com.referralloop.chat.Platform;
import com.referralloop.chat.Recipient;
import com.referralloop.chat.outbox.ChatSender;
import com.referralloop.chat.outbox.Outbox;
import com.referralloop.reply.CustomerQuestion;
import com.referralloop.reply.ReplyTokens;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Delivers a request's messages through the outbox: to the owner (every platform that reaches them), to the
 * requester (a DM on the platform they asked from) and to the customer (their preferred channel). Each step
 * has its own dedupe key, so a retried step never posts twice. Where no sender for a platform runs here the
 * log stands in, visibly.
 */
@Component
class RequestNotices {

    private final DeliveryRouter router;
    private final Outbox outbox;
    private final ReplyTokens tokens;
    private final Set<Platform> senders = EnumSet.noneOf(Platform.class);

    RequestNotices(DeliveryRouter router, Outbox outbox, List<ChatSender> senders, ReplyTokens tokens) {
        this.tokens = tokens;
        this.router = router;
        this.outbox = outbox;
        senders.forEach(s -> this.senders.add(s.platform()));
    }

    void toOwner(ReferenceRequest r, String step, ChatMessage m) {
        to(r, step + ":owner", Recipient.owner(r.ownerEmail(), r.ownerSlackId(), r.ownerDiscordId(), r.accountId()), m);
    }

    void to(ReferenceRequest r, String step, Recipient recipient, ChatMessage m) {
        for (ChatTarget t : router.targetsFor(recipient)) {
            outbox.enqueue(key(r, step, t.platform()), t, m, "request:" + r.id());
        }
    }

    void toRequester(ReferenceRequest r, String step, ChatMessage m) {
        Platform p = Platform.valueOf(r.requesterPlatform());
        ChatTarget direct = switch (p) {
            case SLACK, DISCORD -> ChatTarget.direct(p, r.requesterChatId());
            default -> ChatTarget.of(Platform.LOG, "requester:" + r.requesterKey());
        };
        outbox.enqueue(key(r, step + ":requester", direct.platform()), reachable(direct), m, "request:" + r.id());
    }

    /**
     * Asks the customer on their preferred channel; an email carries a reply token (subject and Reply-To), so
     * their YES or NO comes back to this request.
     *
     * @return where the question went, empty when the contact's preferred channel is not known
     */
    Optional<ChatTarget> toCustomer(ReferenceRequest r, Contact c) {
        Optional<ChatTarget> preferred = CustomerQuestion.preferredTarget(c);
        preferred.ifPresent(t -> {
            boolean email = t.platform() == Platform.EMAIL;
            ChatMessage m = RequestMessages.forCustomer(r, c, t.platform(), email ? tokens.tokenFor(r.id()) : null,
                    email ? tokens.replyAddress(r.id()).orElse(null) : null);
            outbox.enqueue(key(r, "ask-customer", t.platform()), reachable(t), m, "request:" + r.id());
        });
        return preferred.map(this::reachable);
    }

    private ChatTarget reachable(ChatTarget t) {
        return senders.contains(t.platform()) || t.platform() == Platform.LOG ? t
                : ChatTarget.of(Platform.LOG, t.platform().name().toLowerCase(Locale.ROOT) + ":" + t.destination());
    }

    private static String key(ReferenceRequest r, String step, Platform p) {
        return "request:" + r.id() + ":" + step + ":" + p;
    }
}
