package com.referralloop.chat.outbox;

import com.referralloop.chat.ChatMessage;
import com.referralloop.chat.ChatTarget;
import com.referralloop.chat.outbox.OutboxMessage.OutboxKind;
import com.referralloop.store.UnorderedInsert;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import com.referralloop.support.PageCursor;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

/** Durable queue of chat messages: enqueue is idempotent on a dedupe key. */
@Service
public class Outbox {

    private final MongoTemplate mongo;
    private final Clock clock;
    private final ApplicationEventPublisher events;
    private final DeliveredKeys delivered;

    private final OutboxArchive archive;

    Outbox(MongoTemplate mongo, Clock clock, ApplicationEventPublisher events, OutboxArchive archive) {
        this.mongo = mongo;
        this.clock = clock;
        this.events = events;
        this.delivered = new DeliveredKeys(mongo);
        this.archive = archive;
    }

    /**
     * Queues a new message. A second call with the same {@code dedupeKey} changes nothing and
     * returns false, which is what makes re-processing after a crash safe; also once the first message's
     * row left the live outbox (archived minutes after sending, later pruned), since the retention job keeps its
     * key in {@code delivered_keys} first.
     */
    public boolean enqueue(String dedupeKey, ChatTarget target, ChatMessage message, String subjectId) {
        return insert(dedupeKey, OutboxKind.POST, target, message, subjectId);
    }

    /** Queues an edit of a message already sent ({@code target.threadRef} names it). */
    public boolean enqueueUpdate(String dedupeKey, ChatTarget target, ChatMessage message, String subjectId) {
        return insert(dedupeKey, OutboxKind.UPDATE, target, message, subjectId);
    }

    private boolean insert(String dedupeKey, OutboxKind kind, ChatTarget target, ChatMessage message, String subjectId) {
        OutboxMessage row = OutboxMessage.queued(dedupeKey, kind, target, message, subjectId, clock.instant());
        try {
            mongo.insert(row);
        } catch (DuplicateKeyException alreadyQueued) {
            return false;
        }
        // after the insert, not before: the retention job keeps a key before it deletes the row, and this
        // insert can only succeed once the row is gone, so the look-up cannot miss a key being pruned now
        if (delivered.contains(dedupeKey)) {
            withdraw(List.of(row.dedupeKey()));
            return false;
        }
        events.publishEvent(new MessageQueued(dedupeKey, subjectId));
        return true;
    }

    /** Removes rows just inserted for keys delivered before (their rows pruned since); nobody claimed them here. */
    private void withdraw(List<String> dedupeKeys) {
        mongo.remove(Query.query(Criteria.where("dedupeKey").in(dedupeKeys).and("readyKey").in(dedupeKeys)),
                OutboxMessage.class);
    }

    /** One message for {@link #enqueueAll}. */
    public record Post(String dedupeKey, ChatTarget target, ChatMessage message, String subjectId) { }

    /**
     * {@link #enqueue} for many messages with one unordered insert: a key already queued changes nothing
     * (as {@code enqueue} returning false) and does not stop the others. Returns the keys queued by this call.
     * Throws when a message failed for another reason; the ones stored before stay (a retry skips them).
     */
    public Set<String> enqueueAll(List<Post> posts) {
        Set<String> queued = new LinkedHashSet<>();
        if (posts.isEmpty()) {
            return queued;
        }
        Instant now = clock.instant();
        List<OutboxMessage> docs = posts.stream().map(p -> OutboxMessage.queued(p.dedupeKey(), OutboxKind.POST,
                p.target(), p.message(), p.subjectId(), now)).toList();
        UnorderedInsert insert = UnorderedInsert.of(mongo, OutboxMessage.class, docs);
        List<String> stored = new ArrayList<>();
        for (int i = 0; i < posts.size(); i++) {
            if (insert.stored(i)) {
                stored.add(posts.get(i).dedupeKey());
            }
        }
        // as in insert: one look-up after the insert for the keys of messages delivered before and pruned since
        Set<String> deliveredBefore = delivered.containedOf(stored);
        if (!deliveredBefore.isEmpty()) {
            withdraw(List.copyOf(deliveredBefore));
        }
        // announce what was stored even when another message failed: it is in the store either way
        for (int i = 0; i < posts.size(); i++) {
            Post p = posts.get(i);
            if (insert.stored(i) && !deliveredBefore.contains(p.dedupeKey())) {
                queued.add(p.dedupeKey());
                events.publishEvent(new MessageQueued(p.dedupeKey(), p.subjectId()));
            }
        }
        if (!insert.failed().isEmpty()) {
            throw insert.error();
        }
        return queued;
    }

    /** The live row with this key, else its archived copy once it was sent minutes ago. */
    public Optional<OutboxMessage> byDedupeKey(String dedupeKey) {
        OutboxMessage live = mongo.findOne(Query.query(Criteria.where("dedupeKey").is(dedupeKey)), OutboxMessage.class);
        return Optional.ofNullable(live != null ? live : archive.byDedupeKey(dedupeKey));
    }

    /**
     * Newest first, after the cursor (null: from the newest); {@code outbox_state_created} serves it per state. Sent
     * messages (state SENT or no state) come from the live outbox and the archive, each read a page deep by its
     * index and merged: the live one first, so a row being moved (copied to the archive, then deleted live) is
     * never missed, and a row in both is listed once.
     */
    public List<OutboxMessage> list(OutboxState state, PageCursor after, int limit) {
        Criteria c = state == null ? new Criteria() : Criteria.where("state").is(state);
        if (after != null) {
            c = new Criteria().andOperator(c, after.after("createdAt", Sort.Direction.DESC));
        }
        Query page = Query.query(c).with(PageCursor.sort("createdAt", Sort.Direction.DESC)).limit(limit);
        List<OutboxMessage> live = mongo.find(page, OutboxMessage.class);
        if (state != null && state != OutboxState.SENT) {
            return live;
        }
        Criteria archived = after == null ? new Criteria() : after.after("createdAt", Sort.Direction.DESC);
        Query archivePage = Query.query(archived).with(PageCursor.sort("createdAt", Sort.Direction.DESC)).limit(limit);
        return newestFirst(live, archive.find(archivePage), limit);
    }

    private static final Comparator<OutboxMessage> NEWEST_FIRST = Comparator.comparing(OutboxMessage::createdAt)
            .thenComparing(OutboxMessage::id).reversed();

    private static List<OutboxMessage> newestFirst(List<OutboxMessage> live, List<OutboxMessage> archived, int limit) {
        Map<String, OutboxMessage> byId = new LinkedHashMap<>();
        live.forEach(m -> byId.put(m.id(), m));
        archived.forEach(m -> byId.putIfAbsent(m.id(), m));
        return byId.values().stream().sorted(NEWEST_FIRST).limit(limit).toList();
    }

    public static PageCursor cursorOf(OutboxMessage m) {
        return new PageCursor(m.createdAt(), m.id());
    }

    /** Messages in this state; SENT adds the archive's size (from its metadata, no scan). */
    public long count(OutboxState state) {
        long live = mongo.count(Query.query(Criteria.where("state").is(state)), OutboxMessage.class);
        return state == OutboxState.SENT ? live + archive.count() : live;
    }

    /**
     * The stored copies of messages matching {@code criteria}, live and archived (a row in both, left by a
     * crashed move, once): what an erase looks through.
     */
    public List<OutboxMessage> storedCopies(Criteria criteria) {
        Map<String, OutboxMessage> byId = new LinkedHashMap<>();
        mongo.find(Query.query(criteria), OutboxMessage.class).forEach(m -> byId.put(m.id(), m));
        archive.find(Query.query(criteria)).forEach(m -> byId.putIfAbsent(m.id(), m));
        return List.copyOf(byId.values());
    }

    /** Applies {@code update} to every stored copy matching {@code criteria}, live and archived; returns how many changed. */
    public long rewriteStoredCopies(Criteria criteria, Update update) {
        return mongo.updateMulti(Query.query(criteria), update, OutboxMessage.class).getModifiedCount()
                + archive.update(Query.query(criteria), update);
    }

    /** Age of the oldest message still waiting, for the depth gauge. */
    public Optional<Instant> oldestPendingCreatedAt() {
        Query q = Query.query(Criteria.where("state").is(OutboxState.PENDING))
                .with(Sort.by(Sort.Direction.ASC, "createdAt")).limit(1);
        q.fields().include("createdAt");
        // read as a plain document: a projected OutboxMessage cannot be built (its other fields are missing),
        // which made the oldest-age gauge NaN whenever a message was waiting
        org.bson.Document d = mongo.findOne(q, org.bson.Document.class, mongo.getCollectionName(OutboxMessage.class));
        return Optional.ofNullable(d).map(doc -> doc.getDate("createdAt")).map(java.util.Date::toInstant);
    }

    /** Unsent messages: how many wait, how many are dead, and when the oldest waiting one was queued. */
    public record Depth(long pending, long dead, Instant oldestPending) { }

    /**
     * The depth gauges: two counts and the oldest waiting row, each served by an index on the state
     * ({@code due}, {@code outbox_state_created}); no row is read into Java, however many wait.
     */
    public Depth depth() {
        return new Depth(count(OutboxState.PENDING), count(OutboxState.DEAD), oldestPendingCreatedAt().orElse(null));
    }

    /** Published after a message is stored, so the local worker can start at once. */
    public record MessageQueued(String dedupeKey, String subjectId) {

        public MessageQueued(String dedupeKey) {
            this(dedupeKey, null);
        }
    }
}
