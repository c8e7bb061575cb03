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
 * @param answeredAt      when the customer answered (the answer's respondedAt, else when it arrived): the
 *                        dashboard's period applies to it
 * @param actedAt         the first time a person (not the scheduler) moved it: on time when not after dueAt
 * @param closedAt        when it was closed; with createdAt, the time to impact
 * @param slaCheckAt      when the SLA timers look at it next (its next step may be due then); null when no step
 *                        is left. The timers read only follow-ups whose time has come, by the {@code sla_check} index
 * @param untrimmedSince  set when it closes; its minor events (reminders, escalations, replies' notes) are
 *                        trimmed a retention after that, and the field removed
 * @param trimmedEvents   how many events the trim removed, so numbering by event count never repeats
 */
@Document("followups")
// {_id, state}: the conditional update of every transition; MongoDB serves it from _id anyway, the embedded
// store serves only queries whose fields equal a unique index's, and scanned all follow-ups without this one
@CompoundIndex(name = "id_state", def = "{'_id': 1, 'state': 1}", unique = true)
@CompoundIndex(name = "followup_contact", def = "{'contactId': 1}")
@CompoundIndex(name = "followup_created", def = "{'createdAt': 1}")
@CompoundIndex(name = "followup_source", def = "{'source': 1}")
// the dashboard's follow-up figures (acted-on promoters, SLA, time to impact): one period of answers, grouped
// in MongoDB; it holds every field they read, so neither store fetches the follow-ups themselves
@CompoundIndex(name = "followup_figures", def = "{'answeredAt': 1, 'kind': 1, 'source': 1, 'state': 1, 'actedAt': 1, "
        + "'dueAt': 1, 'closedAt': 1, 'createdAt': 1, 'outcome': 1}")
// the follow-ups moved (transitions, moved deadlines) since the dashboard last looked: the answer days whose
// kept figures must be counted again (web.KeptDays); the field is not part of the record, only of the document
@CompoundIndex(name = "followup_changed", def = "{'changedAt': 1, 'answeredAt': 1}")
// the dashboard's open and overdue follow-ups per owner: the open states, with the fields the count reads
@CompoundIndex(name = "followup_open_owners", def = "{'state': 1, 'ownerEmail': 1, 'dueAt': 1, 'source': 1}")
// the SLA timers' query: state IN running, slaCheckAt <= now (equality, then range)
@CompoundIndex(name = "sla_check", def = "{'state': 1, 'slaCheckAt': 1}")
// the snooze wake-up: snoozed follow-ups whose time is up (the state index alone read every snoozed one, 2 s a
// run at 100,000 accounts, holding the collection)
@CompoundIndex(name = "followup_snoozed", def = "{'state': 1, 'snoozedUntil': 1}")
// the retention job: closed follow-ups whose events are not trimmed yet, oldest close first
@CompoundIndex(name = "followup_untrimmed", def = "{'untrimmedSince': 1}", sparse = true)
// an owner's follow-ups, by the exact (lower-case) email
@CompoundIndex(name = "followup_owner_created", def = "{'ownerEmail': 1, 'createdAt': -1}")
// App Home's promoter-to-consent line: one kind's follow-ups in a period, and how many closed with a consent
@CompoundIndex(name = "followup_kind_created_outcome", def = "{'kind': 1, 'createdAt': 1, 'state': 1, 'outcome': 1}")
public record FollowUp(
        @Id String id,
        @Indexed(unique = true) String feedbackId,
        FollowUpKind kind,
        FollowUpState state,
        @Indexed String accountId,
        String accountName,
        String contactId,
        String respondentName,
        String respondentEmail,
        int score,
        String comment,
        String source,
        String ownerEmail,
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
        List<MessageRef> messages,
        Instant answeredAt,
        Instant actedAt,
        Instant closedAt,
        Instant slaCheckAt,
        Instant untrimmedSince,
        int trimmedEvents) {

    public FollowUp {
        events = events == null ? List.of() : events;
        replies = replies == null ? List.of() : replies;
        messages = messages == null ? List.of() : messages;
    }

    /** A follow-up as it was before the SLA check time and the event trim existed (tests build these). */
    public FollowUp(String id, String feedbackId, FollowUpKind kind, FollowUpState state, String accountId,
                    String accountName, String contactId, String respondentName, String respondentEmail, int score,
                    String comment, String source, String ownerEmail, String ownerSlackId, String ownerDiscordId,
                    String managerEmail, String csChannel, Instant createdAt, Instant dueAt, Instant snoozedUntil,
                    Instant remindedAt, int escalationLevel, FollowUpOutcome outcome, String outcomeNote,
                    String lastActor, List<FollowUpEvent> events, List<CustomerReply> replies, List<MessageRef> messages) {
        this(id, feedbackId, kind, state, accountId, accountName, contactId, respondentName, respondentEmail, score,
                comment, source, ownerEmail, ownerSlackId, ownerDiscordId, managerEmail, csChannel, createdAt, dueAt,
                snoozedUntil, remindedAt, escalationLevel, outcome, outcomeNote, lastActor, events, replies, messages,
                null, null, null, null, null, 0);
    }

    /** Events recorded over its life, the trimmed ones included: a number that only grows. */
    public int eventCount() {
        return events.size() + trimmedEvents;
    }

    public boolean isOverdue(Instant now) {
        return state != FollowUpState.CLOSED && dueAt != null && now.isAfter(dueAt);
    }

    public boolean unassigned() {
        return ownerEmail == null;
    }
}
