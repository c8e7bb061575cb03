package com.referralloop.sla;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Runs the SLA timers and the review prompts, each on one instance at a time (ShedLock on MongoDB). */
@Component
class SlaScheduler {

    private final SlaTimers timers;
    private final ReviewJob reviews;

    SlaScheduler(SlaTimers timers, ReviewJob reviews) {
        this.timers = timers;
        this.reviews = reviews;
    }

    @Scheduled(fixedDelayString = "${referral.sla.check-interval:60s}", initialDelayString = "${referral.sla.initial-delay:15s}")
    // held for a whole period: instances fire at different moments, and a shorter hold let each of them run it;
    // at most a period too (ShedLock refuses a minimum above the maximum), overlapping runs being harmless anyway
    @SchedulerLock(name = "sla-timers", lockAtMostFor = "${referral.sla.lock-at-most-for:${referral.sla.check-interval:60s}}",
            lockAtLeastFor = "${referral.sla.lock-at-least-for:${referral.sla.check-interval:60s}}")
    public void slaTimers() {
        timers.runOnce();
    }

    @Scheduled(fixedDelayString = "${referral.sla.review-check-interval:1h}", initialDelayString = "${referral.sla.initial-delay:15s}")
    @SchedulerLock(name = "review-prompts", lockAtMostFor = "${referral.sla.review-lock-at-most-for:${referral.sla.review-check-interval:1h}}",
            lockAtLeastFor = "${referral.sla.review-lock-at-least-for:${referral.sla.review-check-interval:1h}}")
    public void reviewPrompts() {
        reviews.runOnce();
    }
}
