package com.referralloop.sla;

import com.referralloop.chat.ChatMessage;
import com.referralloop.chat.ChatTarget;
import com.referralloop.chat.DeliveryRouter;
import com.referralloop.chat.Recipient;
import com.referralloop.chat.outbox.Outbox;
import com.referralloop.followup.FollowUp;
import com.referralloop.followup.FollowUpMessages;
import com.referralloop.followup.FollowUpProperties;
import com.referralloop.followup.FollowUpService;
import com.referralloop.followup.FollowUpState;
import com.referralloop.support.LogSafe;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * The SLA steps of open follow-ups: a reminder to the owner, then escalation to the manager (level 1)
 * and to the customer-success channel (level 2). Each step is idempotent twice over: the message has a
 * dedupe key in the outbox, and the step is recorded by one conditional update, so overlapping runs on
 * several instances send and record it once.
 */
@Component
public class SlaTimers {

    private static final Logger log = LoggerFactory.getLogger(SlaTimers.class);
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);
    /** SLA runs while someone still has to act: open or acknowledged (acknowledging is not closing the loop). */
    static final List<FollowUpState> RUNNING = List.of(FollowUpState.OPEN, FollowUpState.ACKNOWLEDGED);
    static final String SYSTEM = "system";
    /** Follow-ups taken per run; more wait for the next run (a minute later by default). */
    static final int BATCH = 500;

    /** How many steps one run took. */
    public record Run(int reminded, int escalatedToManager, int escalatedToCustomerSuccess) { }

    private final MongoTemplate mongo;
    private final FollowUpService followUps;
    private final FollowUpMessages messages;
    private final FollowUpProperties due;
    private final SlaProperties props;
    private final DeliveryRouter router;
    private final Outbox outbox;
    private final Clock clock;
    private final MeterRegistry metrics;

    SlaTimers(MongoTemplate mongo, FollowUpService followUps, FollowUpMessages messages, FollowUpProperties due,
              SlaProperties props, DeliveryRouter router, Outbox outbox, Clock clock, MeterRegistry metrics) {
        this.metrics = metrics;
        this.mongo = mongo;
        this.followUps = followUps;
        this.messages = messages;
        this.due = due;
        this.props = props;
        this.router = router;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** Takes every step that is due now. Safe to run concurrently and repeatedly. */
    public Run runOnce() {
        Instant now = clock.instant();
        // only follow-ups whose next step may be due (sla_check index); each step writes when to look again
        List<FollowUp> candidates = mongo.find(Query.query(Criteria.where("state").in(RUNNING)
                .and("slaCheckAt").lte(now)).with(Sort.by("slaCheckAt")).limit(BATCH), FollowUp.class);
        int reminded = 0;
        int level1 = 0;
        int level2 = 0;
        for (FollowUp f : candidates) {
            try {
                Step step = step(f, now);
                switch (step) {
                    case REMIND -> reminded += remind(f, now) ? 1 : 0;
                    // nobody to escalate to at level 1: customer success hears at the deadline instead
                    case ESCALATE_1 -> {
                        if (f.managerEmail() == null) {
                            level2 += escalateToCustomerSuccess(f, now, 0) ? 1 : 0;
                        } else {
                            level1 += escalateToManager(f, now) ? 1 : 0;
                        }
                    }
                    case ESCALATE_2 -> level2 += escalateToCustomerSuccess(f, now, 1) ? 1 : 0;
                    case NONE -> reschedule(f);
                }
            } catch (RuntimeException e) {
                log.warn("SLA step for follow-up {} failed, next run retries: {}", f.id(), e.toString());
            }
        }
        if (reminded + level1 + level2 > 0) {
            log.info("SLA: {} reminders, {} escalations to managers, {} to customer success", reminded, level1, level2);
        }
        return new Run(reminded, level1, level2);
    }

    /**
     * When the next step of a follow-up in this position is due: the reminder, the deadline, or the second
     * escalation; null when none is left.
     */
    Instant nextCheck(FollowUp f, boolean reminded, int level) {
        if (f.dueAt() == null || level >= 2) {
            return null;
        }
        Duration dueTime = due.dueFor(f.kind());
        if (level == 1) {
            return f.dueAt().plus(props.secondEscalationAfter(dueTime));
        }
        return reminded ? f.dueAt() : f.dueAt().minus(props.reminderLead(dueTime));
    }

    /** Nothing due yet: store when to look again, unless the follow-up changed since it was read. */
    private void reschedule(FollowUp f) {
        Criteria unchanged = Criteria.where("_id").is(f.id()).and("state").is(f.state())
                .and("escalationLevel").is(f.escalationLevel()).and("remindedAt").is(f.remindedAt()).and("dueAt").is(f.dueAt());
        mongo.updateFirst(Query.query(unchanged), checkAt(new Update(), nextCheck(f, f.remindedAt() != null,
                f.escalationLevel())), FollowUp.class);
    }

    private static Update checkAt(Update u, Instant next) {
        return next == null ? u.unset("slaCheckAt") : u.set("slaCheckAt", next);
    }

    enum Step { NONE, REMIND, ESCALATE_1, ESCALATE_2 }

    /** The one step a follow-up needs now; a deadline already passed skips the now-useless reminder. */
    Step step(FollowUp f, Instant now) {
        if (f.dueAt() == null || !RUNNING.contains(f.state())) {
            return Step.NONE;
        }
        Duration dueTime = due.dueFor(f.kind());
        if (f.escalationLevel() == 0) {
            if (!now.isBefore(f.dueAt())) {
                return Step.ESCALATE_1;
            }
            boolean reminderTime = !now.isBefore(f.dueAt().minus(props.reminderLead(dueTime)));
            return reminderTime && f.remindedAt() == null ? Step.REMIND : Step.NONE;
        }
        if (f.escalationLevel() == 1 && !now.isBefore(f.dueAt().plus(props.secondEscalationAfter(dueTime)))) {
            return Step.ESCALATE_2;
        }
        return Step.NONE;
    }

    private boolean remind(FollowUp f, Instant now) {
        Recipient to = f.ownerEmail() != null
                ? Recipient.owner(f.ownerEmail(), f.ownerSlackId(), f.ownerDiscordId(), f.accountId())
                : Recipient.unassigned();
        ChatMessage m = around(f, "Reminder: follow-up " + f.id() + " is due " + WHEN.format(f.dueAt()),
                "Time is running out on this " + f.kind().name().toLowerCase() + " follow-up ("
                        + Math.round(props.reminderAt() * 100) + "% of the time to act has passed). "
                        + "Act on it, or snooze it if now is not the moment.");
        send(f, "remind", to, m);
        return followUps.recordIf(f.id(), Criteria.where("remindedAt").is(null).and("escalationLevel").is(0)
                        .and("state").in(RUNNING),
                "REMINDER", SYSTEM, "reminder sent to the owner",
                checkAt(new Update().set("remindedAt", now), nextCheck(f, true, 0)));
    }

    private boolean escalateToManager(FollowUp f, Instant now) {
        ChatMessage m = around(f, "Escalation: follow-up " + f.id() + " is overdue",
                ownerName(f) + " has not closed this " + f.kind().name().toLowerCase() + " follow-up of "
                        + account(f) + "; it was due " + WHEN.format(f.dueAt()) + ". You are their manager on file.");
        send(f, "escalate:1", Recipient.owner(f.managerEmail(), null, null, f.accountId()), m);
        return escalated(1, followUps.recordIf(f.id(), Criteria.where("escalationLevel").is(0).and("state").in(RUNNING),
                "ESCALATION", SYSTEM, "level 1: escalated to the manager " + LogSafe.email(f.managerEmail()),
                checkAt(new Update().set("escalationLevel", 1), nextCheck(f, true, 1))));
    }

    private boolean escalateToCustomerSuccess(FollowUp f, Instant now, int fromLevel) {
        Recipient to = f.csChannel() != null ? Recipient.channel(f.csChannel(), f.accountId()) : Recipient.unassigned();
        ChatMessage m = around(f, "Escalation to customer success: follow-up " + f.id() + " is still open",
                ownerName(f) + (fromLevel == 1 ? " and their manager have" : " has") + " not closed this "
                        + f.kind().name().toLowerCase() + " follow-up of " + account(f) + " (due "
                        + WHEN.format(f.dueAt()) + ")" + (f.managerEmail() == null ? "; no manager is on file" : "")
                        + ". Please take it over or make sure someone does.");
        send(f, "escalate:2", to, m);
        return escalated(2, followUps.recordIf(f.id(), Criteria.where("escalationLevel").is(fromLevel).and("state").in(RUNNING),
                "ESCALATION", SYSTEM, "level 2: escalated to customer success"
                        + (f.csChannel() == null ? " (no channel on file: unassigned queue)" : " channel " + f.csChannel()),
                new Update().set("escalationLevel", 2).unset("slaCheckAt")));
    }

    /** Counts an escalation once, on the instance whose conditional update recorded it. */
    private boolean escalated(int level, boolean recorded) {
        if (recorded) {
            metrics.counter("referral.followups.escalated", "level", String.valueOf(level)).increment();
        }
        return recorded;
    }

    /**
     * Enqueues first, then records: a crash in between leaves the message queued and the step
     * unrecorded, so the next run records it and the dedupe key stops a second message.
     * The subject id is not the bare follow-up id, so these notices are not refreshed as copies of the card.
     */
    private void send(FollowUp f, String step, Recipient to, ChatMessage m) {
        for (ChatTarget target : router.targetsFor(to)) {
            outbox.enqueue("followup:" + f.id() + ":" + step + ":" + target.platform(), target, m, "sla:" + f.id());
        }
    }

    private ChatMessage around(FollowUp f, String title, String lead) {
        ChatMessage card = messages.render(f);
        return new ChatMessage(title, lead + "\n\n" + card.title() + "\n" + card.text(), card.fields(),
                card.actions(), card.footer());
    }

    private static String ownerName(FollowUp f) {
        return f.ownerEmail() == null ? "Nobody (unassigned)" : f.ownerEmail();
    }

    private static String account(FollowUp f) {
        return f.accountName() == null ? "an unknown account" : f.accountName();
    }
}
