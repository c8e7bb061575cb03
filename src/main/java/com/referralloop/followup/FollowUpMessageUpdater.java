package com.referralloop.followup;

import com.referralloop.chat.ChatTarget;
import com.referralloop.chat.outbox.Outbox;
import com.referralloop.chat.outbox.OutboxEvents.MessageSent;
import com.referralloop.followup.FollowUpEvents.FollowUpChanged;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Keeps every posted copy of a follow-up message showing its current state and who acted. */
@Component
class FollowUpMessageUpdater {

    private final FollowUpService followUps;
    private final FollowUpMessages messages;
    private final Outbox outbox;

    FollowUpMessageUpdater(FollowUpService followUps, FollowUpMessages messages, Outbox outbox) {
        this.followUps = followUps;
        this.messages = messages;
        this.outbox = outbox;
    }

    @EventListener
    void on(MessageSent sent) {
        if (sent.subjectId() != null && sent.subjectId().startsWith("F") && sent.target().threadRef() == null) {
            // one update by _id; an unknown id matches nothing, so no lookup first
            followUps.addMessageRef(sent.subjectId(),
                    new MessageRef(sent.target().platform(), sent.target().destination(), sent.ref()));
        }
    }

    @EventListener
    void on(FollowUpChanged changed) {
        FollowUp f = followUps.get(changed.followUpId());
        for (MessageRef ref : f.messages()) {
            outbox.enqueueUpdate("followup:" + f.id() + ":update:" + f.eventCount() + ":" + ref.platform() + ":" + ref.ref(),
                    new ChatTarget(ref.platform(), ref.destination(), ref.ref()), messages.render(f), f.id());
        }
    }
}
