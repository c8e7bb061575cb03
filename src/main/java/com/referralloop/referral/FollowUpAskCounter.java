package com.referralloop.referral;

import com.referralloop.followup.FollowUp;
import com.referralloop.followup.FollowUpEvents.FollowUpChanged;
import com.referralloop.followup.FollowUpOutcome;
import com.referralloop.followup.FollowUpService;
import com.referralloop.followup.FollowUpState;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Counts a follow-up closed as "referral asked" as one ask of its contact, for the fatigue limit. */
@Component
class FollowUpAskCounter {

    private final FollowUpService followUps;
    private final AskService asks;

    FollowUpAskCounter(FollowUpService followUps, AskService asks) {
        this.followUps = followUps;
        this.asks = asks;
    }

    @EventListener
    void on(FollowUpChanged e) {
        followUps.find(e.followUpId())
                .filter(f -> f.state() == FollowUpState.CLOSED && f.outcome() == FollowUpOutcome.REFERRAL_ASKED)
                .filter(f -> f.contactId() != null)
                .ifPresent(this::count);
    }

    private void count(FollowUp f) {
        asks.recordFollowUpAsk(f.id(), f.contactId(), f.accountId(), f.lastActor());
    }
}
