package com.referralloop.crm;

import com.referralloop.account.AccountBulkUpserts;
import com.referralloop.chat.outbox.Outbox;
import com.referralloop.followup.FollowUpService;
import com.referralloop.reference.ReferenceService;
import com.referralloop.referral.AskService;
import com.referralloop.referral.ReferralService;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.data.mongodb.core.MongoTemplate;

/** The CRM sync, its health component and its start-up field check, built only when a CRM is configured. */
@Configuration(proxyBeanMethods = false)
@Conditional(CrmConfigured.class)
class CrmConfiguration {

    private static final Logger log = LoggerFactory.getLogger(CrmConfiguration.class);

    @Bean("crmHealthIndicator")
    CrmHealth crmHealth(CrmConnector crm, Clock clock) {
        return new CrmHealth(crm.name(), clock);
    }

    @Bean
    CrmSync crmSync(CrmConnector crm, AccountBulkUpserts accounts, ReferralService referrals, MongoTemplate mongo, Clock clock,
                    CrmHealth health) {
        return new CrmSync(crm, accounts, referrals, mongo, clock, health);
    }

    /** Writes to the CRM go through the outbox: retried, throttled by the CRM's Retry-After, dead-lettered visibly. */
    @Bean
    CrmWriteSender crmWriteSender(CrmConnector crm, CrmHealth health, CrmNotes notes,
                                  @org.springframework.beans.factory.annotation.Value("${referral.crm.token-retry:1m}")
                                  java.time.Duration tokenRetry) {
        return new CrmWriteSender(crm, health, notes, tokenRetry);
    }

    @Bean
    CrmNotes crmNotes(MongoTemplate mongo, CrmWriteQueue queue, FollowUpService followUps, Clock clock) {
        return new CrmNotes(mongo, queue, followUps, clock);
    }

    @Bean
    CrmWriteQueue crmWriteQueue(CrmConnector crm, Outbox outbox) {
        return new CrmWriteQueue(outbox, crm.name());
    }

    @Bean
    CrmWriteFeed crmWriteFeed(CrmWriteQueue queue, AskService asks) {
        return new CrmWriteFeed(queue, asks);
    }

    @Bean
    CrmCustomerFeed crmCustomerFeed(CrmWriteQueue queue, ReferenceService references, Clock clock) {
        return new CrmCustomerFeed(queue, references, clock);
    }

    @Bean
    CrmFollowUpNotes crmFollowUpNotes(CrmWriteQueue queue, FollowUpService followUps) {
        return new CrmFollowUpNotes(queue, followUps);
    }

    /** PrivacyService asks for it when present: with no CRM an erase has nothing to clear there. */
    @Bean
    CrmErasure crmErasure(CrmWriteQueue queue, CrmNotes notes, Outbox outbox, Clock clock) {
        return new CrmErasure(queue, notes, outbox, clock);
    }

    @Bean
    CrmStartupCheck crmStartupCheck(CrmConnector crm, CrmSync sync, CrmHealth health) {
        return new CrmStartupCheck(crm, sync, health);
    }

    /** Names, once the app is up, each mapped field the CRM lacks (a typo there would silently read nothing). */
    record CrmStartupCheck(CrmConnector crm, CrmSync sync, CrmHealth health) {

        @EventListener(ApplicationReadyEvent.class)
        public void check() {
            try {
                java.util.List<String> missing = new java.util.ArrayList<>(crm.missingMappedFields());
                crm.missingWrittenFields().stream().filter(f -> !missing.contains(f)).forEach(missing::add);
                health.reachable();
                sync.rememberMissingFields(missing);
                if (missing.isEmpty()) {
                    log.info("CRM ({}) connected; every mapped and written field exists", crm.name());
                } else {
                    log.warn("CRM ({}) lacks fields {}: {}", crm.name(), missing, crm.fieldSetupHint());
                }
            } catch (CrmException e) {
                if (e.kind() == CrmException.Kind.UNAUTHORIZED) {
                    health.refused(e.getMessage());
                }
                log.warn("CRM ({}) field check failed: {}", crm.name(), e.getMessage());
            }
        }
    }
}
