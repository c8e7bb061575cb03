package com.referralloop.request;

import com.referralloop.chat.ChatMessage;
import com.referralloop.referral.ProgramEvents;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * A consent withdrawn while a request waits for the owner or the customer closes that request at once (in
 * the withdrawing call), so no introduction can follow: the customer's later Yes finds it closed.
 */
@Component
class ConsentWithdrawnRequests {

    private final RequestStore store;
    private final RequestNotices notices;

    ConsentWithdrawnRequests(RequestStore store, RequestNotices notices) {
        this.store = store;
        this.notices = notices;
    }

    @EventListener
    void on(ProgramEvents.ConsentWithdrawn e) {
        for (ReferenceRequest r : store.awaitingYes(e.withdrawal().contactId())) {
            try {
                ReferenceRequest closed = store.move(r.id(), RequestState.CONSENT_WITHDRAWN, e.withdrawal().recordedBy(),
                        "consent withdrawn", u -> u.set("nextNudgeAt", null));
                notices.toRequester(closed, "consent-withdrawn", ChatMessage.text("Your reference request " + closed.id()
                        + " for " + closed.prospect() + " is closed: the customer's consent was withdrawn. Nobody will be "
                        + "introduced; try /reference find for another reference."));
            } catch (RequestStore.IllegalTransition movedMeanwhile) {
                // the customer answered in the same instant: their answer won, or it is already closed
            }
        }
    }
}
