package com.referralloop.followup;

import com.referralloop.chat.ChatUser;
import com.referralloop.followup.FollowUpEvents.FollowUpChanged;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

/** Moves follow-ups through their life (acknowledge, snooze, close, reopen) and records what happens to them. */
@Service
public class FollowUpService {

    private final MongoTemplate mongo;
    private final Clock clock;
    private final ApplicationEventPublisher events;
    private final OwnerInbox inbox;

    FollowUpService(MongoTemplate mongo, Clock clock, ApplicationEventPublisher events, OwnerInbox inbox) {
        this.mongo = mongo;
        this.clock = clock;
        this.events = events;
        this.inbox = inbox;
    }

    public Optional<FollowUp> find(String id) {
        return id == null ? Optional.empty() : Optional.ofNullable(mongo.findById(id.trim(), FollowUp.class));
    }

    public FollowUp get(String id) {
        return find(id).orElseThrow(() -> new FollowUpException("no follow-up with id " + id));
    }

    public FollowUp acknowledge(String id, ChatUser by) {
        return transition(id, FollowUpState.ACKNOWLEDGED, by, null, new Update());
    }

    public FollowUp snooze(String id, Instant until, ChatUser by) {
        if (!until.isAfter(clock.instant())) {
            throw new FollowUpException("snooze must end in the future");
        }
        // the SLA clock pauses while snoozed: the due time moves by the snooze (see docs/sla-and-replies.md)
        FollowUp current = get(id);
        Update update = new Update().set("snoozedUntil", until);
        String note = "until " + until;
        if (current.dueAt() != null && current.state() != FollowUpState.SNOOZED) {
            Instant due = current.dueAt().plus(Duration.between(clock.instant(), until));
            update.set("dueAt", due);
            note += "; due moves to " + due;
        }
        return transition(id, FollowUpState.SNOOZED, by, note, update);
    }

    public FollowUp close(String id, FollowUpOutcome outcome, String note, ChatUser by) {
        if (outcome == FollowUpOutcome.NOT_SUITABLE && (note == null || note.isBlank())) {
            throw new FollowUpException("say why it is not suitable: a reason is required");
        }
        return transition(id, FollowUpState.CLOSED, by, outcome.word() + (note == null ? "" : ": " + note),
                new Update().set("outcome", outcome).set("outcomeNote", note));
    }

    public FollowUp reopen(String id, ChatUser by) {
        return transition(id, FollowUpState.OPEN, by, "snooze ended", new Update().unset("snoozedUntil"));
    }

    /** Wakes snoozed follow-ups whose time is up; returns how many. */
    public int reopenDueSnoozes() {
        List<FollowUp> due = mongo.find(Query.query(Criteria.where("state").is(FollowUpState.SNOOZED)
                .and("snoozedUntil").lte(clock.instant())), FollowUp.class);
        int n = 0;
        for (FollowUp f : due) {
            try {
                reopen(f.id(), ChatUser.system());
                n++;
            } catch (FollowUpException movedMeanwhile) {
                // someone acted on it first; nothing to wake
            }
        }
        return n;
    }

    /**
     * Moves a follow-up to {@code to} with one conditional update on its current state; if another
     * action won the race, the caller is told what state it is in now.
     */
    private FollowUp transition(String id, FollowUpState to, ChatUser by, String note, Update extra) {
        FollowUp current = get(id);
        if (!current.state().canMoveTo(to)) {
            throw new FollowUpException("follow-up " + id + " is " + current.state().name().toLowerCase()
                    + "; it cannot become " + to.name().toLowerCase()
                    + (current.state() == FollowUpState.CLOSED ? " (it was closed by " + current.lastActor() + ")" : ""));
        }
        Instant now = clock.instant();
        FollowUpEvent event = new FollowUpEvent(now, "TRANSITION", by.mention(), current.state(), to, note);
        // changedAt: the dashboard counts this follow-up's day again (its kept days, see web.KeptDays)
        extra.set("state", to).set("lastActor", by.mention()).set("changedAt", now).push("events", event);
        // kept on the document so the dashboard counts and times them in MongoDB, whatever the events' retention
        if (FollowUpEvent.isHumanAction(event)) {
            extra.min("actedAt", now);
        }
        if (to == FollowUpState.CLOSED) {
            extra.set("closedAt", now);
            // no SLA step is left; the minor events may be trimmed a retention from now
            extra.unset("slaCheckAt").set("untrimmedSince", now);
        } else if (to == FollowUpState.OPEN) {
            // back from a snooze with a moved deadline: the SLA timers look again at once
            extra.set("slaCheckAt", now);
        }
        FollowUp moved = mongo.findAndModify(Query.query(Criteria.where("_id").is(id).and("state").is(current.state())),
                extra, FindAndModifyOptions.options().returnNew(true), FollowUp.class);
        if (moved == null) {
            FollowUp now2 = get(id);
            throw new FollowUpException("follow-up " + id + " changed meanwhile: it is now "
                    + now2.state().name().toLowerCase() + " (last action by " + now2.lastActor() + ")");
        }
        if (to == FollowUpState.CLOSED) {
            inbox.removed(moved.ownerEmail(), List.of(id));
        }
        events.publishEvent(new FollowUpChanged(id, "TRANSITION"));
        return moved;
    }

    /** Appends a non-transition event (reminder, escalation, note) and refreshes the message. */
    public void record(String id, String type, String by, String note, Update extra) {
        FollowUp f = get(id);
        Update u = extra == null ? new Update() : extra;
        u.push("events", new FollowUpEvent(clock.instant(), type, by, f.state(), f.state(), note));
        mongo.updateFirst(Query.query(Criteria.where("_id").is(id)), u, FollowUp.class);
        events.publishEvent(new FollowUpChanged(id, type));
    }

    /**
     * Like {@link #record}, but only while the follow-up still matches {@code guard}: one conditional
     * update, so two overlapping runs (or instances) record a step once. True when this call recorded it.
     */
    public boolean recordIf(String id, Criteria guard, String type, String by, String note, Update extra) {
        FollowUp f = get(id);
        Update u = extra == null ? new Update() : extra;
        u.push("events", new FollowUpEvent(clock.instant(), type, by, f.state(), f.state(), note));
        Query q = Query.query(Criteria.where("_id").is(id));
        if (guard != null) {
            q.addCriteria(guard);
        }
        boolean changed = mongo.updateFirst(q, u, FollowUp.class).getModifiedCount() == 1;
        if (changed) {
            events.publishEvent(new FollowUpChanged(id, type));
        }
        return changed;
    }

    public void addMessageRef(String id, MessageRef ref) {
        mongo.updateFirst(Query.query(Criteria.where("_id").is(id)), new Update().addToSet("messages", ref), FollowUp.class);
    }
}
