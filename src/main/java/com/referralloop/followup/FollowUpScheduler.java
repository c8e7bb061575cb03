package com.referralloop.followup;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Periodic follow-up work: waking snoozed follow-ups. */
@Component
class FollowUpScheduler {

    private final FollowUpService followUps;

    FollowUpScheduler(FollowUpService followUps) {
        this.followUps = followUps;
    }

    @Scheduled(fixedDelayString = "${referral.followup.snooze-check-interval:60s}", initialDelayString = "10s")
    void wakeSnoozed() {
        followUps.reopenDueSnoozes();
    }
}
