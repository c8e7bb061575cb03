package com.referralloop.followup;

import java.time.Instant;
import java.util.List;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A closed-loop follow-up of one survey answer. State changes are single-document conditional
 * updates (state must still be what the caller saw), so two clicks cannot both win.
 *
 * @param feedbackId      the answer it follows up; unique, so one answer has one follow-up
 * @param ownerEmail      who must act (account owner; null when unassigned)
 * @param escalationLevel 0 none, 1 manager, 2 customer-success channel
 */
@Document("followups")
// {_id, state}: the conditional update of every transition; MongoDB serves it from _id anyway, the embedded
// store serves only queries whose fields equal a unique index's, and scanned all follow-ups without this one
@CompoundIndex(name = "id_state", def = "{'_id': 1, 'state': 1}", unique = true)
@CompoundIndex(name = "followup_contact", def = "{'contactId': 1}")
@CompoundIndex(name = "followup_created", def = "{'createdAt': 1}")
@CompoundIndex(name = "followup_source", def = "{'source': 1}")
// the SLA timers' query: state IN running, dueAt <= now + lead, escalationLevel < 2 (equality, then range)
@CompoundIndex(name = "sla_due", def = "{'state': 1, 'dueAt': 1, 'escalationLevel': 1}")
public record FollowUp(
        @Id String id,
        @Indexed(unique = true) String feedbackId,
        FollowUpKind kind,
        @Indexed FollowUpState state,
        @Indexed String accountId,
        String accountName,
        String contactId,
        String respondentName,
        String respondentEmail,
        int score,
        String comment,
        String source,
        @Indexed String ownerEmail,
        String ownerSlackId,
        String ownerDiscordId,
        String managerEmail,
        String csChannel,
        Instant createdAt,
        @Indexed Instant dueAt,
        Instant snoozedUntil,
        Instant remindedAt,
        int escalationLevel,
        FollowUpOutcome outcome,
        String outcomeNote,
        String lastActor,
        List<FollowUpEvent> events,
        List<CustomerReply> replies,
        List<MessageRef> messages) {

    public FollowUp {
        events = events == null ? List.of() : events;
        replies = replies == null ? List.of() : replies;
        messages = messages == null ? List.of() : messages;
    }

    public boolean isOverdue(Instant now) {
        return state != FollowUpState.CLOSED && dueAt != null && now.isAfter(dueAt);
    }

    public boolean unassigned() {
        return ownerEmail == null;
    }

    /** When it was last closed (a reopened follow-up may close again); empty while it never was. */
    public java.util.Optional<Instant> closedAt() {
        return events.stream().filter(e -> e.to() == FollowUpState.CLOSED).map(FollowUpEvent::at)
                .max(java.util.Comparator.naturalOrder());
    }
}
