package com.referralloop.sla;

import static org.assertj.core.api.Assertions.assertThat;

import com.referralloop.chat.ChatUser;
import com.referralloop.chat.Platform;
import com.referralloop.chat.outbox.OutboxMessage;
import com.referralloop.followup.FollowUp;
import com.referralloop.followup.FollowUpEvent;
import com.referralloop.followup.FollowUpMessages;
import com.referralloop.followup.FollowUpService;
import com.referralloop.support.Http;
import com.referralloop.support.MutableClock;
import com.referralloop.support.TimedTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;

@TimedTest
class SlaTimersTest {

    @LocalServerPort
    int port;
    @Autowired
    MongoTemplate mongo;
    @Autowired
    MutableClock clock;
    @Autowired
    SlaTimers timers;
    @Autowired
    FollowUpService followUps;
    @Autowired
    FollowUpMessages messages;

    SlaFixtures fx;
    Instant start;

    @BeforeEach
    void setUp() {
        clock.set(Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
        start = clock.instant();
        SlaFixtures.clean(mongo);
        fx = new SlaFixtures(new Http(port), mongo);
        fx.importAccounts();
    }

    void at(Duration sinceStart) {
        clock.set(start.plus(sinceStart));
    }

    @Test
    void promoterIsRemindedAt75PercentThenEscalatedToTheManagerThenToCustomerSuccess() {
        // GIVEN a promoter follow-up of Acme (owner rep@, manager boss@, CS channel C-CS), due in 48 h
        FollowUp f = fx.answer("p-1", 10, "alice@acme.com");
        assertThat(f.dueAt()).isEqualTo(start.plus(Duration.ofHours(48)));

        // WHEN 35 h have passed THEN nothing happens yet
        at(Duration.ofHours(35));
        assertThat(timers.runOnce().reminded()).isZero();
        assertThat(fx.outbox("followup:" + f.id() + ":remind")).isEmpty();

        // WHEN 36 h (75 %) have passed THEN the owner is reminded once, and it is recorded
        at(Duration.ofHours(36));
        assertThat(timers.runOnce().reminded()).isEqualTo(1);
        assertThat(timers.runOnce().reminded()).isZero();
        List<OutboxMessage> reminders = fx.outbox("followup:" + f.id() + ":remind");
        assertThat(reminders).hasSize(1);
        assertThat(reminders.get(0).target().platform()).isEqualTo(Platform.LOG);
        assertThat(reminders.get(0).target().destination()).isEqualTo("rep@vendor.com");
        assertThat(reminders.get(0).message().title()).startsWith("Reminder: follow-up " + f.id());
        FollowUp reminded = fx.reload(f.id());
        assertThat(reminded.remindedAt()).isEqualTo(start.plus(Duration.ofHours(36)));
        assertThat(messages.render(reminded).footer()).contains("reminder sent");

        // WHEN the deadline passes THEN the manager hears (level 1), still nothing for customer success
        at(Duration.ofHours(48));
        assertThat(timers.runOnce().escalatedToManager()).isEqualTo(1);
        List<OutboxMessage> toManager = fx.outbox("followup:" + f.id() + ":escalate:1");
        assertThat(toManager).hasSize(1);
        assertThat(toManager.get(0).target().destination()).isEqualTo("boss@vendor.com");
        assertThat(fx.reload(f.id()).escalationLevel()).isEqualTo(1);
        at(Duration.ofHours(71).plusMinutes(59));
        assertThat(timers.runOnce().escalatedToCustomerSuccess()).isZero();

        // WHEN half the due time more has passed THEN the customer-success channel hears (level 2)
        at(Duration.ofHours(72));
        assertThat(timers.runOnce().escalatedToCustomerSuccess()).isEqualTo(1);
        assertThat(timers.runOnce()).isEqualTo(new SlaTimers.Run(0, 0, 0));
        List<OutboxMessage> toCs = fx.outbox("followup:" + f.id() + ":escalate:2");
        assertThat(toCs).hasSize(1);
        assertThat(toCs.get(0).target().destination()).isEqualTo("C-CS");

        // THEN the steps are recorded in order and shown on the follow-up's message
        FollowUp done = fx.reload(f.id());
        assertThat(done.escalationLevel()).isEqualTo(2);
        assertThat(done.events().stream().map(FollowUpEvent::type).filter(t -> !t.equals("CREATED")))
                .containsExactly("REMINDER", "ESCALATION", "ESCALATION");
        assertThat(done.events().get(2).note()).startsWith("level 1");
        assertThat(done.events().get(3).note()).startsWith("level 2");
        assertThat(messages.render(done).footer()).contains("escalated (level 2: customer success)");
    }

    @Test
    void detractorIsDueIn24HoursAndRemindedAt18() {
        FollowUp f = fx.answer("d-1", 3, "bob@acme.com");
        assertThat(f.dueAt()).isEqualTo(start.plus(Duration.ofHours(24)));

        at(Duration.ofHours(17).plusMinutes(59));
        assertThat(timers.runOnce().reminded()).isZero();
        at(Duration.ofHours(18));
        assertThat(timers.runOnce().reminded()).isEqualTo(1);
        at(Duration.ofHours(24));
        assertThat(timers.runOnce().escalatedToManager()).isEqualTo(1);
        at(Duration.ofHours(36));
        assertThat(timers.runOnce().escalatedToCustomerSuccess()).isEqualTo(1);
    }

    @Test
    void snoozePausesTheClockAndClosedFollowUpsAreLeftAlone() {
        // GIVEN a promoter follow-up snoozed for a day after 10 h
        FollowUp f = fx.answer("s-1", 9, "alice@acme.com");
        FollowUp closed = fx.answer("s-2", 9, "bob@acme.com");
        at(Duration.ofHours(10));
        FollowUp snoozed = followUps.snooze(f.id(), clock.instant().plus(Duration.ofDays(1)), ChatUser.system());
        followUps.close(closed.id(), com.referralloop.followup.FollowUpOutcome.RESOLVED, null, ChatUser.system());

        // THEN its due time moves by the snooze
        assertThat(snoozed.dueAt()).isEqualTo(start.plus(Duration.ofHours(72)));

        // WHEN the original reminder time comes while it sleeps THEN no reminder
        at(Duration.ofHours(36));
        assertThat(timers.runOnce().reminded()).isZero();

        // WHEN it wakes and 75 % of the (paused) time has passed THEN the reminder comes
        at(Duration.ofHours(34));
        assertThat(followUps.reopenDueSnoozes()).isEqualTo(1);
        at(Duration.ofHours(59));
        assertThat(timers.runOnce().reminded()).isZero();
        at(Duration.ofHours(60));
        assertThat(timers.runOnce().reminded()).isEqualTo(1);

        // THEN the closed follow-up never got a step
        at(Duration.ofDays(30));
        timers.runOnce();
        assertThat(fx.outbox("followup:" + closed.id() + ":remind")).isEmpty();
        assertThat(fx.outbox("followup:" + closed.id() + ":escalate")).isEmpty();
    }

    @Test
    void withoutAManagerTheDeadlineGoesStraightToCustomerSuccess() {
        // GIVEN Globex has no manager and no CS channel on file
        FollowUp f = fx.answer("g-1", 10, "dan@globex.com");

        // WHEN the deadline passes
        at(Duration.ofHours(48));
        SlaTimers.Run run = timers.runOnce();

        // THEN level 2 is reached at once, to the unassigned queue, and recorded as such
        assertThat(run.escalatedToCustomerSuccess()).isEqualTo(1);
        assertThat(fx.outbox("followup:" + f.id() + ":escalate:1")).isEmpty();
        assertThat(fx.outbox("followup:" + f.id() + ":escalate:2")).singleElement()
                .satisfies(m -> assertThat(m.target().destination()).isEqualTo("unassigned"));
        FollowUp after = fx.reload(f.id());
        assertThat(after.escalationLevel()).isEqualTo(2);
        assertThat(after.events().get(after.events().size() - 1).note()).contains("no channel on file");
    }
}
