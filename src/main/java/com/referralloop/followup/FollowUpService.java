package com.referralloop.followup;

import com.referralloop.account.Account;
import com.referralloop.account.AccountService;
import com.referralloop.account.Contact;
import com.referralloop.chat.ChatMessage;
import com.referralloop.chat.ChatTarget;
import com.referralloop.chat.ChatUser;
import com.referralloop.chat.DeliveryRouter;
import com.referralloop.chat.Recipient;
import com.referralloop.chat.outbox.Outbox;
import com.referralloop.feedback.Feedback;
import com.referralloop.feedback.FeedbackProperties;
import com.referralloop.feedback.FeedbackService;
import com.referralloop.followup.FollowUpEvents.FollowUpChanged;
import com.referralloop.followup.FollowUpEvents.FollowUpCreated;
import com.referralloop.store.UnorderedInsert;
import com.referralloop.support.PageCursor;
import io.micrometer.core.instrument.MeterRegistry;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

/** Opens follow-ups from survey answers and moves them through their life. */
@Service
public class FollowUpService {

    private static final char[] ID_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    /** MongoDB's duplicate key error code: on the unique feedbackId, the answer's follow-up exists already. */

    private final MongoTemplate mongo;
    private final FeedbackService feedback;
    private final AccountService accounts;
    private final FollowUpProperties props;
    private final FeedbackProperties feedbackProps;
    private final DeliveryRouter router;
    private final Outbox outbox;
    private final FollowUpMessages messages;
    private final Clock clock;
    private final ApplicationEventPublisher events;
    private final MeterRegistry metrics;
    private final OwnerInbox inbox;

    FollowUpService(MongoTemplate mongo, FeedbackService feedback, AccountService accounts, FollowUpProperties props,
                    FeedbackProperties feedbackProps, DeliveryRouter router, Outbox outbox, FollowUpMessages messages,
                    Clock clock, ApplicationEventPublisher events, MeterRegistry metrics, OwnerInbox inbox) {
        this.mongo = mongo;
        this.feedback = feedback;
        this.accounts = accounts;
        this.props = props;
        this.feedbackProps = feedbackProps;
        this.router = router;
        this.outbox = outbox;
        this.messages = messages;
        this.clock = clock;
        this.events = events;
        this.metrics = metrics;
        this.inbox = inbox;
    }

    /**
     * Opens the follow-up for a stored answer and queues its message. Idempotent: the follow-up is
     * unique per answer and each message has a dedupe key, so a retry after a crash repeats nothing.
     */
    public Optional<FollowUp> openFor(String feedbackId) {
        Feedback fb = feedback.find(feedbackId).orElse(null);
        if (fb == null) {
            // erased, or not stored yet (its marker comes first): a stale marker must not be swept forever
            feedback.dropOrphanMarkers(List.of(feedbackId));
            return Optional.empty();
        }
        if (fb.score() == null) {
            feedback.clearPending(feedbackId);
            return Optional.empty();
        }
        if (fb.followUpDone()) {
            // opened already (the background opener was first, or this is a later delivery of the answer):
            // nothing to redo, and the caller gets that follow-up, as the idempotent repeat below would give
            feedback.clearPending(feedbackId);
            return existingFor(fb.id());
        }
        FollowUpKind kind = FollowUpKind.valueOf(fb.category().name());
        if (kind == FollowUpKind.PASSIVE && !feedbackProps.passiveFollowUp()) {
            feedback.markFollowUpDone(fb.id());
            return Optional.empty();
        }
        // insert first: the unique feedbackId makes a repeat fail and fetch the existing one, so the
        // common path (a new answer) costs no lookup
        FollowUp followUp = insert(fb, kind);
        // also for a repeat: a crash may have come between the insert and this
        inbox.added(List.of(followUp));
        deliverNew(followUp);
        feedback.markFollowUpDone(fb.id());
        return Optional.of(followUp);
    }

    /**
     * {@link #openFor(String)} for a batch of answers with a constant number of store round trips (reads by
     * {@code $in}, unordered inserts, one inbox update, one update and at most two deletes), whatever the batch size:
     * same follow-ups, messages, dedupe keys, events and counter. The answers are read here, all at once,
     * rather than taken from the event: an answer erased or finished meanwhile is seen as it is now.
     * Returns the ids this call could not finish (their markers stay): the caller opens those one by one.
     * Throws when the batch failed as a whole; everything done before is idempotent, so a retry repeats nothing.
     */
    List<String> openAll(Collection<String> feedbackIds) {
        Map<String, Feedback> found = feedback.findAll(feedbackIds);
        Map<String, Feedback> answers = new LinkedHashMap<>();
        feedbackIds.forEach(id -> answers.put(id, found.get(id)));
        List<String> clearOnly = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        List<String> done = new ArrayList<>();
        List<Feedback> toOpen = new ArrayList<>();
        answers.forEach((id, fb) -> {
            if (fb == null) {
                missing.add(id);
            } else if (fb.score() == null || fb.followUpDone()) {
                clearOnly.add(id);
            } else if (FollowUpKind.valueOf(fb.category().name()) == FollowUpKind.PASSIVE && !feedbackProps.passiveFollowUp()) {
                done.add(fb.id());
            } else {
                toOpen.add(fb);
            }
        });
        List<FollowUp> opened = toOpen.isEmpty() ? List.of() : insertAll(toOpen);
        // also for repeats, as openFor: a crash may have come between the insert and this
        inbox.added(opened);
        deliverAll(opened);
        opened.forEach(f -> done.add(f.feedbackId()));
        feedback.markFollowUpDone(done, clearOnly);
        feedback.dropOrphanMarkers(missing);
        Set<String> finished = new HashSet<>(done);
        finished.addAll(clearOnly);
        finished.addAll(missing);
        return answers.keySet().stream().filter(id -> !finished.contains(id)).toList();
    }

    /** Inserts the batch's follow-ups unordered; a repeat (duplicate feedbackId) yields the existing one. */
    private List<FollowUp> insertAll(List<Feedback> answers) {
        Map<String, Account> accountsById = accounts.findAll(answers.stream().map(Feedback::accountId).toList());
        Map<String, Contact> contacts = accounts.contactsByEmail(answers.stream().map(Feedback::contactId)
                .filter(Objects::nonNull).toList());
        Instant now = clock.instant();
        List<FollowUp> fresh = answers.stream().map(fb -> build(fb, FollowUpKind.valueOf(fb.category().name()),
                fb.accountId() == null ? null : accountsById.get(fb.accountId()),
                fb.contactId() == null ? null : contacts.get(fb.contactId()), now)).toList();
        UnorderedInsert insert = UnorderedInsert.of(mongo, FollowUp.class, fresh);
        Set<Integer> repeats = insert.duplicates();
        Map<String, FollowUp> existing = new HashMap<>();
        if (!repeats.isEmpty()) {
            List<String> ids = repeats.stream().map(i -> fresh.get(i).feedbackId()).toList();
            mongo.find(Query.query(Criteria.where("feedbackId").in(ids)), FollowUp.class)
                    .forEach(f -> existing.put(f.feedbackId(), f));
        }
        List<FollowUp> opened = new ArrayList<>();
        for (int i = 0; i < fresh.size(); i++) {
            FollowUp f = fresh.get(i);
            if (repeats.contains(i)) {
                // already opened (a retry, or the sweep raced the queue): deliver the existing one, as openFor does;
                // not found = the clash was on the random id, left to the one-by-one path
                if (existing.containsKey(f.feedbackId())) {
                    opened.add(existing.get(f.feedbackId()));
                }
            } else if (insert.stored(i)) {
                announceOpened(f);
                opened.add(f);
            }
        }
        return opened;
    }

    /** Queues the posts of many follow-ups with one insert: the keys and messages {@link #deliverNew} would queue. */
    private void deliverAll(List<FollowUp> opened) {
        if (opened.isEmpty()) {
            return;
        }
        List<ChatMessage> rendered = messages.renderAll(opened);
        List<Outbox.Post> posts = new ArrayList<>();
        for (int i = 0; i < opened.size(); i++) {
            FollowUp f = opened.get(i);
            Set<Object> platformsSeen = new HashSet<>();
            for (ChatTarget target : router.targetsFor(recipientOf(f))) {
                posts.add(new Outbox.Post(postKey(f, target, platformsSeen), target, rendered.get(i), f.id()));
            }
        }
        outbox.enqueueAll(posts);
    }

    private FollowUp insert(Feedback fb, FollowUpKind kind) {
        Account account = accounts.find(fb.accountId()).orElse(null);
        Contact contact = fb.contactId() == null ? null : accounts.contactByEmail(fb.contactId()).orElse(null);
        FollowUp f = build(fb, kind, account, contact, clock.instant());
        try {
            mongo.insert(f);
        } catch (DuplicateKeyException raced) {
            return existingFor(fb.id()).orElseThrow(() -> raced);
        }
        announceOpened(f);
        return f;
    }

    private void announceOpened(FollowUp f) {
        metrics.counter("referral.followups.opened", "kind", f.kind().name()).increment();
        events.publishEvent(new FollowUpCreated(f.id(), f.kind()));
    }

    /** The new follow-up of an answer (not stored yet). */
    private FollowUp build(Feedback fb, FollowUpKind kind, Account account, Contact contact, Instant now) {
        var owner = account == null ? null : account.owner();
        return new FollowUp(newId(), fb.id(), kind, FollowUpState.OPEN,
                account == null ? null : account.id(), account == null ? null : account.name(),
                contact == null ? null : contact.id(), contact == null ? null : contact.name(), fb.email(),
                fb.score(), fb.comment(), fb.source(),
                owner == null ? null : owner.email(), owner == null ? null : owner.slackUserId(),
                owner == null ? null : owner.discordUserId(), owner == null ? null : owner.managerEmail(),
                account == null ? null : account.csChannel(),
                now, now.plus(props.dueFor(kind)), null, null, 0, null, null, null,
                List.of(new FollowUpEvent(now, "CREATED", "system", null, FollowUpState.OPEN,
                        kind.name().toLowerCase() + " answer " + fb.score() + "/10")),
                List.of(), List.of(), fb.respondedAt() != null ? fb.respondedAt() : fb.receivedAt() != null ? fb.receivedAt() : now,
                null, null,
                // the SLA timers' next run works out its first step and when it is due
                now, null, 0);
    }

    private void deliverNew(FollowUp f) {
        Set<Object> platformsSeen = new HashSet<>();
        for (ChatTarget target : router.targetsFor(recipientOf(f))) {
            outbox.enqueue(postKey(f, target, platformsSeen), target, messages.render(f), f.id());
        }
    }

    private static String postKey(FollowUp f, ChatTarget target, Set<Object> platformsSeen) {
        // the first target of a platform keeps the original key; further ones (a DM and a channel) add the destination
        return "followup:" + f.id() + ":post:" + target.platform()
                + (platformsSeen.add(target.platform()) ? "" : ":" + target.destination());
    }

    /** Promoters go to the owner; detractors to the customer-success channel, else the owner. */
    static Recipient recipientOf(FollowUp f) {
        if (f.kind() == FollowUpKind.DETRACTOR && f.csChannel() != null) {
            return Recipient.channel(f.csChannel(), f.accountId());
        }
        if (f.ownerEmail() != null) {
            return Recipient.owner(f.ownerEmail(), f.ownerSlackId(), f.ownerDiscordId(), f.accountId());
        }
        return Recipient.unassigned();
    }

    public Optional<FollowUp> find(String id) {
        return id == null ? Optional.empty() : Optional.ofNullable(mongo.findById(id.trim(), FollowUp.class));
    }

    public FollowUp get(String id) {
        return find(id).orElseThrow(() -> new FollowUpException("no follow-up with id " + id));
    }

    Optional<FollowUp> existingFor(String feedbackId) {
        return Optional.ofNullable(mongo.findOne(Query.query(Criteria.where("feedbackId").is(feedbackId)), FollowUp.class));
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
        extra.set("state", to).set("lastActor", by.mention()).push("events", event);
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

    public List<FollowUp> list(FollowUpQuery q) {
        if (q.ownerEmail() != null && (q.openOnly() || (q.state() != null && q.state() != FollowUpState.CLOSED))) {
            return listFromInbox(q);
        }
        Criteria c = new Criteria();
        if (q.state() != null) {
            c = c.and("state").is(q.state());
        } else if (q.openOnly()) {
            c = c.and("state").ne(FollowUpState.CLOSED);
        }
        if (q.ownerEmail() != null) {
            // stored lower-case (from the account, FollowUpOwnerEmailMigration for older rows): an exact indexed match
            c = c.and("ownerEmail").is(AccountService.ownerEmailKey(q.ownerEmail()));
        } else if (q.unassignedOnly()) {
            // null matches a missing field too; followup_owner_created serves it
            c = c.and("ownerEmail").is(null);
        }
        if (q.overdueOnly()) {
            c = c.and("dueAt").lt(clock.instant());
            if (q.state() == null && !q.openOnly()) {
                // a second "state" criterion on the same Criteria throws; openOnly already excludes CLOSED
                c = c.and("state").ne(FollowUpState.CLOSED);
            }
        }
        if (q.kind() != null) {
            c = c.and("kind").is(q.kind());
        }
        if (q.after() != null) {
            c = new Criteria().andOperator(c, q.after().after("createdAt", Sort.Direction.DESC));
        }
        return mongo.find(Query.query(c).with(PageCursor.sort("createdAt", Sort.Direction.DESC)).limit(q.limit()),
                FollowUp.class);
    }

    /** One owner's follow-ups that are not closed: read by id from their inbox, then filtered here. */
    private List<FollowUp> listFromInbox(FollowUpQuery q) {
        List<String> ids = inbox.openIds(q.ownerEmail());
        if (ids.isEmpty()) {
            return List.of();
        }
        List<FollowUp> found = mongo.find(Query.query(Criteria.where("_id").in(ids)), FollowUp.class);
        Set<String> stale = new HashSet<>(ids);
        Instant now = clock.instant();
        List<FollowUp> matching = new ArrayList<>();
        for (FollowUp f : found) {
            if (f.state() == FollowUpState.CLOSED || f.ownerEmail() == null
                    || !f.ownerEmail().equalsIgnoreCase(q.ownerEmail().trim())) {
                continue;
            }
            stale.remove(f.id());
            if ((q.state() == null || f.state() == q.state())
                    && (!q.overdueOnly() || (f.dueAt() != null && f.dueAt().isBefore(now)))
                    && (q.kind() == null || f.kind() == q.kind())) {
                matching.add(f);
            }
        }
        if (!stale.isEmpty()) {
            // closed, erased or re-owned meanwhile (or a removal lost in a crash): drop them for next time
            inbox.removed(q.ownerEmail(), stale);
        }
        // the same order and cursor as the query path: createdAt, then id, newest first
        Comparator<FollowUp> newestFirst = Comparator.comparing(FollowUp::createdAt,
                Comparator.nullsFirst(Comparator.<Instant>naturalOrder())).thenComparing(FollowUp::id).reversed();
        matching.sort(newestFirst);
        if (q.after() != null) {
            matching.removeIf(f -> !isAfter(f, q.after()));
        }
        return matching.size() > q.limit() ? matching.subList(0, q.limit()) : matching;
    }

    private static boolean isAfter(FollowUp f, PageCursor cursor) {
        int byTime = f.createdAt() == null || cursor.at() == null ? 0 : f.createdAt().compareTo(cursor.at());
        return byTime < 0 || (byTime == 0 && f.id().compareTo(cursor.id()) < 0);
    }

    public static PageCursor cursorOf(FollowUp f) {
        return new PageCursor(f.createdAt(), f.id());
    }

    private static String newId() {
        char[] id = new char[7];
        for (int i = 0; i < id.length; i++) {
            id[i] = ID_ALPHABET[RANDOM.nextInt(ID_ALPHABET.length)];
        }
        return "F" + new String(id).toUpperCase();
    }
}
