package com.referralloop.reply;

import com.referralloop.chat.ChatMessage;
import com.referralloop.chat.ChatTarget;
import com.referralloop.chat.DeliveryRouter;
import com.referralloop.chat.Recipient;
import com.referralloop.chat.outbox.Outbox;
import com.referralloop.followup.FollowUp;
import com.referralloop.followup.MessageRef;
import org.springframework.stereotype.Component;

/** Tells a follow-up's owner something, under the follow-up's own message where one was posted on that platform. */
@Component
class OwnerNotices {

    private final DeliveryRouter router;
    private final Outbox outbox;

    OwnerNotices(DeliveryRouter router, Outbox outbox) {
        this.router = router;
        this.outbox = outbox;
    }

    /** Idempotent per {@code step}: the dedupe key is {@code followup:<id>:<step>:<platform>}. */
    void tell(FollowUp f, String step, ChatMessage message) {
        Recipient to = f.ownerEmail() != null
                ? Recipient.owner(f.ownerEmail(), f.ownerSlackId(), f.ownerDiscordId(), f.accountId())
                : Recipient.unassigned();
        for (ChatTarget target : router.targetsFor(to)) {
            // the subject id is not the bare follow-up id, so this notice is not refreshed as a copy of the card
            outbox.enqueue("followup:" + f.id() + ":" + step + ":" + target.platform(), threaded(f, target), message,
                    "notice:" + f.id());
        }
    }

    static ChatTarget threaded(FollowUp f, ChatTarget target) {
        for (MessageRef ref : f.messages()) {
            if (ref.platform() == target.platform() && ref.ref() != null) {
                return new ChatTarget(ref.platform(), ref.destination(), ref.ref());
            }
        }
        return target;
    }
}
