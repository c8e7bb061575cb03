package com.referralloop.chat.outbox;

import com.mongodb.WriteConcern;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.referralloop.chat.Platform;
import com.referralloop.chat.outbox.OutboxEvents.MessageDeadLettered;
import com.referralloop.chat.outbox.OutboxEvents.MessageSent;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/**
 * Delivers outbox messages. A message is claimed by one atomic findAndModify that sets a lease, so
 * several workers (threads or app instances) on one database never hold the same message; a worker
 * that dies mid-send loses its lease and the message is delivered by someone else once it expires.
 */
public class OutboxWorker {

    private static final Logger log = LoggerFactory.getLogger(OutboxWorker.class);

    private final MongoTemplate mongo;
    private final WriteConcern leaseWriteConcern;
    private final Clock clock;
    private final OutboxProperties props;
    private final Map<Platform, ChatSender> senders = new EnumMap<>(Platform.class);
    private final ApplicationEventPublisher events;
    private final OutboxMetrics metrics;
    private final String owner;
    private final AtomicBoolean scanning = new AtomicBoolean();
    private final Lane[] lanes;
    private final DeliveredKeys delivered;

    /** Keys queued by this instance for one lane, and whether a thread is sending from it. */
    private static final class Lane {
        final Queue<String> keys = new ConcurrentLinkedQueue<>();
        final AtomicBoolean busy = new AtomicBoolean();
    }

    public OutboxWorker(MongoTemplate mongo, Clock clock, OutboxProperties props, List<ChatSender> senders,
                        ApplicationEventPublisher events, OutboxMetrics metrics) {
        this(mongo, clock, props, senders, events, metrics, null);
    }

    /**
     * @param leaseWriteConcern write concern of claims, or null for the connection's own; see
     *                          {@link com.referralloop.store.EmbeddedStore#leaseWriteConcern()}
     */
    public OutboxWorker(MongoTemplate mongo, Clock clock, OutboxProperties props, List<ChatSender> senders,
                        ApplicationEventPublisher events, OutboxMetrics metrics, WriteConcern leaseWriteConcern) {
        this.mongo = mongo;
        this.delivered = new DeliveredKeys(mongo);
        this.leaseWriteConcern = leaseWriteConcern;
        this.clock = clock;
        this.props = props;
        this.events = events;
        this.metrics = metrics;
        senders.forEach(s -> this.senders.put(s.platform(), s));
        this.owner = ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID();
        this.lanes = new Lane[props.threads()];
        for (int i = 0; i < lanes.length; i++) {
            lanes[i] = new Lane();
        }
    }

    public String owner() {
        return owner;
    }

    /** Notes a message queued by this instance, to be claimed by key by the next drain. */
    public void offer(String dedupeKey) {
        offer(dedupeKey, null);
    }

    /**
     * Notes a message queued here in the lane of its subject (a follow-up's post and its later updates
     * share one, so they are sent in order); returns the lane.
     */
    public int offer(String dedupeKey, String subjectId) {
        int lane = Math.floorMod((subjectId == null ? dedupeKey : subjectId).hashCode(), lanes.length);
        lanes[lane].keys.add(dedupeKey);
        return lane;
    }

    /** Sends the messages offered here, claiming each by its key; no scan of the collection. */
    public int drainReady() {
        int handled = 0;
        for (int i = 0; i < lanes.length; i++) {
            handled += drainLane(i);
        }
        return handled;
    }

    /** Sends one lane's offered messages, unless another thread is already at it (then it sends them). */
    public int drainLane(int index) {
        Lane lane = lanes[index];
        int handled = 0;
        // re-checked after letting go: a key offered just before that found the lane busy and left it to us
        while (!lane.keys.isEmpty() && lane.busy.compareAndSet(false, true)) {
            try {
                for (String key = lane.keys.poll(); key != null; key = lane.keys.poll()) {
                    OutboxMessage claimed = claimReady(key);
                    if (claimed != null) {
                        deliver(claimed);
                        handled++;
                    }
                }
            } finally {
                lane.busy.set(false);
            }
        }
        return handled;
    }

    /**
     * Sends everything due now (offered messages first, then a query for retries, messages queued by
     * other instances and expired leases); returns how many were handled. Safe to call concurrently.
     */
    public int drain() {
        if (!scanning.compareAndSet(false, true)) {
            return 0;
        }
        try {
            int handled = drainReady();
            int round;
            do {
                round = 0;
                // while the lanes are sending this instance's messages, the scan would mostly take those from
                // them, one full scan of the outbox per message on the embedded store: leave new messages and
                // retries (both carry their readyKey) to the lanes and take only expired leases
                boolean includeNew = !lanesHoldKeys();
                for (int i = 0; i < props.batchSize(); i++) {
                    OutboxMessage claimed = claimNext(includeNew);
                    if (claimed == null) {
                        break;
                    }
                    deliverUnlessDeliveredBefore(claimed);
                    round++;
                }
                handled += round;
            } while (round == props.batchSize());
            return handled;
        } finally {
            scanning.set(false);
        }
    }

    /** Whether this instance still has messages of its own to send (or is sending one). */
    boolean lanesHoldKeys() {
        for (Lane lane : lanes) {
            if (lane.busy.get() || !lane.keys.isEmpty()) {
                return true;
            }
        }
        return false;
    }

    OutboxMessage claimNext() {
        return claimNext(true);
    }

    /** Claims the message due first; with {@code includeNew} false only one whose lease expired (a crash). */
    OutboxMessage claimNext(boolean includeNew) {
        Date now = Date.from(clock.instant());
        Document due = new Document("state", OutboxState.PENDING.name()).append("nextAttemptAt", new Document("$lte", now))
                .append("$or", List.of(new Document("leaseUntil", null), new Document("leaseUntil", new Document("$lt", now))));
        if (!includeNew) {
            due.append("readyKey", null);
        }
        return claim(due, new Document("nextAttemptAt", 1));
    }

    /** Claims a message still waiting for its first claim; null when another worker was first. */
    OutboxMessage claimReady(String dedupeKey) {
        // the query is the exact key alone, so even the embedded store answers it from the unique index
        return claim(new Document("readyKey", dedupeKey), null);
    }

    /**
     * One atomic findAndModify that sets this worker's lease, through the driver so that it can carry the
     * lease write concern (the template applies its own to every write).
     */
    private OutboxMessage claim(Document filter, Document sort) {
        Instant now = clock.instant();
        Document lease = new Document("$set", new Document("leaseOwner", owner)
                .append("leaseUntil", Date.from(now.plus(props.lease())))
                .append("leaseToken", owner + "/" + UUID.randomUUID()))
                .append("$unset", new Document("readyKey", ""));
        MongoCollection<Document> outbox = mongo.getCollection(mongo.getCollectionName(OutboxMessage.class));
        if (leaseWriteConcern != null) {
            outbox = outbox.withWriteConcern(leaseWriteConcern);
        }
        Document claimed = outbox.findOneAndUpdate(filter, lease,
                new FindOneAndUpdateOptions().sort(sort).returnDocument(ReturnDocument.AFTER));
        return claimed == null ? null : mongo.getConverter().read(OutboxMessage.class, claimed);
    }

    /**
     * The poll may claim a row in the instant between its insert and the enqueuer's look-up of the pruned
     * keys (another instance's row): it looks the key up itself. Rows claimed by key were looked up already.
     */
    private void deliverUnlessDeliveredBefore(OutboxMessage m) {
        if (delivered.contains(m.dedupeKey())) {
            mongo.remove(Query.query(Criteria.where("leaseToken").is(m.leaseToken())), OutboxMessage.class);
            log.info("Outbox {}: not sent, {} was delivered before (its row was pruned)", m.id(), m.dedupeKey());
            return;
        }
        deliver(m);
    }

    private void deliver(OutboxMessage m) {
        ChatSender sender = senders.get(m.target().platform());
        SendResult result;
        try {
            result = sender == null
                    ? new SendResult.Permanent("no sender configured for " + m.target().platform())
                    : sender.send(m);
        } catch (RuntimeException e) {
            result = new SendResult.Failed(e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        record(m, result);
    }

    private void record(OutboxMessage m, SendResult result) {
        Instant now = clock.instant();
        // the claim's own token: a worker whose lease was taken over (and re-claimed) matches nothing
        Query mine = Query.query(Criteria.where("leaseToken").is(m.leaseToken()));
        Update update = new Update().unset("leaseOwner").unset("leaseUntil").unset("leaseToken");
        if (result instanceof SendResult.Sent sent) {
            update.set("state", OutboxState.SENT).set("sentAt", now).set("sentRef", sent.ref()).inc("attempts", 1);
            if (mongo.updateFirst(mine, update, OutboxMessage.class).getModifiedCount() == 1) {
                metrics.sent(m.target().platform(), Duration.between(m.createdAt(), now));
                events.publishEvent(new MessageSent(m.id(), m.subjectId(), m.target(), sent.ref()));
            }
        } else if (result instanceof SendResult.Throttled t) {
            update.set("nextAttemptAt", now.plus(t.retryAfter())).inc("throttled", 1).set("lastError", "rate limited");
            retryLater(m, mine, update, t.retryAfter());
            metrics.throttled(m.target().platform());
            log.info("Outbox {}: {} rate-limited, retrying in {}", m.id(), m.target().platform(), t.retryAfter());
        } else if (result instanceof SendResult.Failed f) {
            int attempts = m.attempts() + 1;
            metrics.failed(m.target().platform());
            if (attempts >= props.maxAttempts()) {
                deadLetter(m, mine, update.set("attempts", attempts), "gave up after " + attempts + " attempts: " + f.error());
            } else {
                Duration wait = backoff(attempts);
                update.set("attempts", attempts).set("lastError", f.error()).set("nextAttemptAt", now.plus(wait));
                retryLater(m, mine, update, wait);
                log.warn("Outbox {}: attempt {} to {} failed ({}); next in {}", m.id(), attempts,
                        m.target().platform(), f.error(), wait);
            }
        } else if (result instanceof SendResult.Permanent p) {
            deadLetter(m, mine, update.inc("attempts", 1), p.error());
        }
    }

    /**
     * Stores the next attempt and, on this instance, offers the message again by its key when it is due:
     * a retry needs no scan of the outbox (each one a full scan on the embedded store). The key also lets
     * any instance's poll find it if this one dies first.
     */
    private void retryLater(OutboxMessage m, Query mine, Update update, Duration wait) {
        update.set("readyKey", m.dedupeKey());
        if (mongo.updateFirst(mine, update, OutboxMessage.class).getModifiedCount() == 1) {
            retry.after(wait, m.dedupeKey(), m.subjectId());
        }
    }

    /** Offers a message to this instance's lanes again after a wait. */
    public interface Retry {
        void after(Duration wait, String dedupeKey, String subjectId);
    }

    private volatile Retry retry = (wait, key, subject) -> { };

    /** Who re-offers retries on this instance (the trigger, which owns the threads); none by default. */
    public void onRetry(Retry retry) {
        this.retry = retry;
    }

    private void deadLetter(OutboxMessage m, Query mine, Update update, String reason) {
        update.set("state", OutboxState.DEAD).set("lastError", reason);
        if (mongo.updateFirst(mine, update, OutboxMessage.class).getModifiedCount() == 1) {
            metrics.deadLettered(m.target().platform());
            log.error("Outbox {}: dead-lettered message to {} ({}): {}", m.id(), m.target().platform(),
                    m.dedupeKey(), reason);
            events.publishEvent(new MessageDeadLettered(m.id(), m.subjectId(), m.target(), reason));
        }
    }

    /** Exponential backoff with full jitter, so retrying instances do not move in lock-step. */
    Duration backoff(int attempts) {
        long base = props.baseBackoff().toMillis();
        long cap = props.maxBackoff().toMillis();
        long exp = Math.min(cap, base * (1L << Math.min(attempts - 1, 30)));
        return Duration.ofMillis(exp / 2 + ThreadLocalRandom.current().nextLong(exp / 2 + 1));
    }
}
