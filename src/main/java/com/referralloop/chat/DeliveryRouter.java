package com.referralloop.chat;

import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Picks where a message goes: every enabled platform that can reach the recipient, or the log
 * when none can (no tokens configured), so nothing is silently dropped.
 */
@Component
public class DeliveryRouter {

    private final List<RecipientResolver> resolvers;

    DeliveryRouter(List<RecipientResolver> resolvers) {
        this.resolvers = resolvers;
    }

    public List<ChatTarget> targetsFor(Recipient recipient) {
        List<ChatTarget> targets = new ArrayList<>();
        resolvers.forEach(r -> targets.addAll(r.resolveAll(recipient)));
        if (targets.isEmpty()) {
            targets.add(ChatTarget.of(Platform.LOG, switch (recipient.role()) {
                case OWNER -> recipient.email();
                case CHANNEL -> recipient.channel();
                case UNASSIGNED -> "unassigned";
            }));
        }
        return targets;
    }
}
