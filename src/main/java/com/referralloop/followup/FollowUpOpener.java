package com.referralloop.followup;

import com.referralloop.account.Account;
import com.referralloop.account.AccountService;
import com.referralloop.account.Contact;
import com.referralloop.chat.ChatMessage;
import com.referralloop.chat.ChatTarget;
import com.referralloop.chat.DeliveryRouter;
import com.referralloop.chat.Recipient;
import com.referralloop.chat.outbox.Outbox;
import com.referralloop.feedback.Feedback;
import com.referralloop.feedback.FeedbackProperties;
import com.referralloop.feedback.FeedbackService;
import com.referralloop.followup.FollowUpEvents.FollowUpCreated;
import com.referralloop.store.UnorderedInsert;
import io.micrometer.core.instrument.MeterRegistry;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
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
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

/**
 * Opens follow-ups from stored survey answers, one or a batch at a time, and queues their first message.
 * Kept apart from {@link FollowUpService}, which moves follow-ups through their life once they exist.
 */
@Service
public class FollowUpOpener {

    private static final char[] ID_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

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

    FollowUpOpener(MongoTemplate mongo, FeedbackService feedback, AccountService accounts, FollowUpProperties props,
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

    Optional<FollowUp> existingFor(String feedbackId) {
        return Optional.ofNullable(mongo.findOne(Query.query(Criteria.where("feedbackId").is(feedbackId)), FollowUp.class));
    }

    private static String newId() {
        char[] id = new char[7];
        for (int i = 0; i < id.length; i++) {
            id[i] = ID_ALPHABET[RANDOM.nextInt(ID_ALPHABET.length)];
        }
        return "F" + new String(id).toUpperCase();
    }
}
