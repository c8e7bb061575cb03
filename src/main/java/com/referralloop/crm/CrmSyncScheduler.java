package com.referralloop.crm;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.springframework.context.annotation.Conditional;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Runs the incremental CRM sync on one instance at a time (ShedLock on MongoDB, as the SLA timers). */
@Component
@Conditional(CrmConfigured.class)
class CrmSyncScheduler {

    private final CrmSync sync;

    CrmSyncScheduler(CrmSync sync) {
        this.sync = sync;
    }

    @Scheduled(fixedDelayString = "${referral.crm.sync-interval:15m}", initialDelayString = "${referral.crm.initial-delay:30s}")
    @SchedulerLock(name = "crm-sync", lockAtMostFor = "${referral.crm.lock-at-most-for:30m}")
    public void sync() {
        sync.runOnce();
    }
}
