package com.referralloop.feedback;

import com.mongodb.WriteConcern;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.referralloop.account.AccountService;
import com.referralloop.account.Contact;
import com.referralloop.feedback.FeedbackEvents.FeedbackReceived;
import com.referralloop.store.EmbeddedStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

/**
 * Stores survey answers idempotently: one atomic upsert per delivery, so a retry or an "updated"
 * event merges into the one record and nothing is half-written if the store fails.
 */
@Service
public class FeedbackService {

    /** How long a marker may wait for its answer to be stored; far beyond any store timeout. */
    static final Duration ORPHAN_MARKER_GRACE = Duration.ofMinutes(1);

    private final MongoTemplate mongo;
    private final AccountService accounts;
    private final NpsProperties nps;
    private final Clock clock;
    private final ApplicationEventPublisher events;
    /** Of a marker written just before its answer; null for the connection's own. */
    private final WriteConcern markerWriteConcern;

    FeedbackService(MongoTemplate mongo, AccountService accounts, NpsProperties nps, Clock clock,
                    ApplicationEventPublisher events, EmbeddedStore store) {
        this.mongo = mongo;
        this.accounts = accounts;
        this.nps = nps;
        this.clock = clock;
        this.events = events;
        this.markerWriteConcern = store.coveredWriteConcern();
    }

    public record Stored(Feedback feedback, boolean created) { }

    public Stored store(SurveyResponse r) {
        try {
            return upsert(r);
        } catch (DuplicateKeyException raced) {
            // two deliveries of one new answer raced to insert; the second is now a plain update
            return upsert(r);
        }
    }

    private Stored upsert(SurveyResponse r) {
        // the store keeps milliseconds; the in-memory copy below must equal what was stored
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        String id = Feedback.idOf(r.source(), r.responseId());
        boolean scored = r.score() != null;
        if (scored) {
            // the marker before the answer: the answer's commit, which the webhook waits for, makes both
            // durable (see EmbeddedStore#coveredWriteConcern); a marker whose answer never got stored is
            // dropped by the opener once it is old
            markPending(id, now, markerWriteConcern);
        }
        Optional<Contact> contact = accounts.contactByEmail(r.email());
        String accountId = contact.map(Contact::accountId)
                .or(() -> accounts.find(r.accountId()).map(a -> a.id()))
                .orElse(r.accountId());
        Update update = new Update()
                .setOnInsert("source", r.source())
                .setOnInsert("responseId", r.responseId())
                .setOnInsert("receivedAt", now)
                .setOnInsert("followUpDone", false)
                .set("updatedAt", now)
                .set("raw", r.raw());
        if (r.score() != null) {
            update.set("score", r.score()).set("category", nps.classify(r.score()));
        }
        if (r.comment() != null) {
            update.set("comment", r.comment());
        }
        if (r.email() != null) {
            update.set("email", r.email());
        }
        contact.ifPresent(c -> update.set("contactId", c.id()));
        if (accountId != null) {
            update.set("accountId", accountId);
        }
        if (r.respondedAt() != null) {
            // an answer stays on the day it was first placed: a re-delivery does not move it between the
            // dashboard's days (their counts are kept per day, see the web package's KeptDays)
            update.setOnInsert("respondedAt", r.respondedAt());
        }
        Feedback before = mongo.findAndModify(Query.query(Criteria.where("_id").is(id)),
                update.inc("deliveries", 1), FindAndModifyOptions.options().upsert(true).returnNew(false), Feedback.class);
        // the pre-image plus this update is exactly what the atomic update stored: no read-back round trip
        Feedback after = applied(before, id, r, now, contact.map(Contact::id).orElse(null), accountId);
        boolean newlyScored = after.score() != null && (before == null || before.score() == null);
        if (!scored && after.score() != null && !after.followUpDone()) {
            // a delivery without a score (a comment added later) to an answer still waiting: before the
            // webhook answers, so a crash gets no 2xx and the provider's retry lands here again
            markPending(id, after.receivedAt(), null);
        }
        if (newlyScored) {
            events.publishEvent(new FeedbackReceived(id, after.category(), after));
        }
        return new Stored(after, before == null);
    }

    private Feedback applied(Feedback before, String id, SurveyResponse r, Instant now, String contactId, String accountId) {
        Integer score = r.score() != null ? r.score() : before == null ? null : before.score();
        NpsCategory category = r.score() != null ? nps.classify(r.score()) : before == null ? null : before.category();
        return new Feedback(id,
                before == null ? r.source() : before.source(),
                before == null ? r.responseId() : before.responseId(),
                score, category,
                r.comment() != null ? r.comment() : before == null ? null : before.comment(),
                r.email() != null ? r.email() : before == null ? null : before.email(),
                contactId != null ? contactId : before == null ? null : before.contactId(),
                accountId != null ? accountId : before == null ? null : before.accountId(),
                before != null ? before.respondedAt() : r.respondedAt() == null ? null : r.respondedAt().truncatedTo(ChronoUnit.MILLIS),
                before == null ? now : before.receivedAt(),
                now,
                before != null && before.followUpDone(),
                (before == null ? 0 : before.deliveries()) + 1,
                r.raw());
    }

    public Optional<Feedback> find(String id) {
        return Optional.ofNullable(mongo.findById(id, Feedback.class));
    }

    /** Answers by id in one {@code _id $in} query; ids not found are absent from the map. */
    public java.util.Map<String, Feedback> findAll(java.util.Collection<String> ids) {
        java.util.Map<String, Feedback> found = new java.util.HashMap<>();
        if (!ids.isEmpty()) {
            mongo.find(Query.query(Criteria.where("_id").in(ids)), Feedback.class).forEach(f -> found.put(f.id(), f));
        }
        return found;
    }

    private void markPending(String feedbackId, Instant receivedAt, WriteConcern concern) {
        // through the template's execute, so a store failure is translated as for every other write
        mongo.execute(PendingFollowUp.class, markers -> (concern == null ? markers : markers.withWriteConcern(concern))
                .updateOne(Filters.eq("_id", feedbackId), Updates.setOnInsert("receivedAt", Date.from(receivedAt)),
                        new UpdateOptions().upsert(true)));
    }

    /**
     * Ids of answers whose follow-up was not created yet (e.g. the process died after storing them),
     * oldest first. Reads the marker collection, which holds only those answers.
     */
    public List<String> pendingFollowUps(int limit) {
        return mongo.find(new Query().with(Sort.by("receivedAt")).limit(limit), PendingFollowUp.class)
                .stream().map(PendingFollowUp::id).toList();
    }

    /**
     * Writes the marker for scored answers not followed up that have none: answers stored before markers
     * existed, or written by other means. One scan of the answers; meant for start-up.
     */
    public int markUnfinished() {
        // followUpDone is written with every answer (false on insert), so "false" finds them all by the
        // `unfinished` index; "not true" would read every answer ever stored (6 s at a million) at each start
        Query q = Query.query(Criteria.where("followUpDone").is(false).and("score").ne(null));
        q.fields().include("_id").include("receivedAt");
        int n = 0;
        // a projection cannot be mapped onto the Feedback record (primitive fields), so read plain documents
        for (org.bson.Document d : mongo.find(q, org.bson.Document.class, mongo.getCollectionName(Feedback.class))) {
            java.util.Date received = d.getDate("receivedAt");
            markPending(d.getString("_id"), received == null ? Instant.EPOCH : received.toInstant(), null);
            n++;
        }
        return n;
    }

    public void markFollowUpDone(String feedbackId) {
        mongo.updateFirst(Query.query(Criteria.where("_id").is(feedbackId)),
                new Update().set("followUpDone", true), Feedback.class);
        clearPending(feedbackId);
    }

    /**
     * {@link #markFollowUpDone} for a batch ({@code done}) plus {@link #clearPending} for answers with nothing
     * to follow up ({@code clearOnly}): one update of the answers, then one delete of all their markers.
     */
    public void markFollowUpDone(java.util.Collection<String> done, java.util.Collection<String> clearOnly) {
        if (!done.isEmpty()) {
            mongo.updateMulti(Query.query(Criteria.where("_id").in(done)), new Update().set("followUpDone", true),
                    Feedback.class);
        }
        List<String> markers = new java.util.ArrayList<>(done);
        markers.addAll(clearOnly);
        if (!markers.isEmpty()) {
            mongo.remove(Query.query(Criteria.where("_id").in(markers)), PendingFollowUp.class);
        }
    }

    /**
     * Drops the markers of answers that are not stored, once they are older than {@link #ORPHAN_MARKER_GRACE}:
     * a marker is written just before its answer, so a young one may belong to an answer being stored now.
     * Older ones are left by an erased answer, or by a webhook whose store failed (it answered 5xx, and the
     * provider's retry writes a new one).
     */
    public void dropOrphanMarkers(Collection<String> feedbackIds) {
        if (!feedbackIds.isEmpty()) {
            mongo.remove(Query.query(Criteria.where("_id").in(feedbackIds)
                    .and("receivedAt").lt(clock.instant().minus(ORPHAN_MARKER_GRACE))), PendingFollowUp.class);
        }
    }

    /** Drops the marker (after the answer is marked done, so a crash in between only repeats idempotent work). */
    public void clearPending(String feedbackId) {
        mongo.remove(Query.query(Criteria.where("_id").is(feedbackId)), PendingFollowUp.class);
    }

    /**
     * Deletes the markers older than {@code receivedBefore} whose answer is followed up already (or erased): left
     * behind when the opener could not clear them. Markers of answers still waiting stay, they are the sweep's
     * work, and do not block the ones behind them: the markers are paged through by the {@code receivedAt}
     * index, {@code limit} at a time and at most {@code maxPages} pages, each page's answers read by id.
     */
    public int pruneAnsweredMarkers(Instant receivedBefore, int limit, int maxPages) {
        int deleted = 0;
        Criteria after = Criteria.where("receivedAt").lt(receivedBefore);
        for (int page = 0; page < maxPages; page++) {
            List<PendingFollowUp> markers = mongo.find(Query.query(after)
                    .with(Sort.by("receivedAt", "_id")).limit(limit), PendingFollowUp.class);
            if (markers.isEmpty()) {
                break;
            }
            List<String> ids = markers.stream().map(PendingFollowUp::id).toList();
            Query waiting = Query.query(Criteria.where("_id").in(ids).and("followUpDone").is(false));
            waiting.fields().include("_id");
            java.util.Set<String> stillWaiting = new java.util.HashSet<>();
            mongo.find(waiting, org.bson.Document.class, mongo.getCollectionName(Feedback.class))
                    .forEach(d -> stillWaiting.add(d.getString("_id")));
            List<String> answered = ids.stream().filter(id -> !stillWaiting.contains(id)).toList();
            if (!answered.isEmpty()) {
                deleted += (int) mongo.remove(Query.query(Criteria.where("_id").in(answered)
                        .and("receivedAt").lt(receivedBefore)), PendingFollowUp.class).getDeletedCount();
            }
            if (markers.size() < limit) {
                break;
            }
            PendingFollowUp last = markers.get(markers.size() - 1);
            after = Criteria.where("receivedAt").lt(receivedBefore).orOperator(
                    Criteria.where("receivedAt").gt(last.receivedAt()),
                    Criteria.where("receivedAt").is(last.receivedAt()).and("_id").gt(last.id()));
        }
        return deleted;
    }

    /** How many scored answers of each category arrived in a period. */
    public record NpsCounts(long promoters, long passives, long detractors) {

        public long total() {
            return promoters + passives + detractors;
        }
    }

    /**
     * {@link NpsCounts} of answers received in {@code [from, to)}: one aggregation on the {@code receivedAt} index,
     * three counts handed back, not the answers (nor their raw payloads).
     */
    public NpsCounts npsCountsReceivedBetween(Instant from, Instant to) {
        long[] n = new long[NpsCategory.values().length];
        org.springframework.data.mongodb.core.aggregation.Aggregation a = org.springframework.data.mongodb.core.aggregation
                .Aggregation.newAggregation(org.springframework.data.mongodb.core.aggregation.Aggregation.match(
                        Criteria.where("receivedAt").gte(from).lt(to).and("category").ne(null)),
                        org.springframework.data.mongodb.core.aggregation.Aggregation.group("category").count().as("n"));
        for (org.bson.Document d : mongo.aggregate(a, mongo.getCollectionName(Feedback.class), org.bson.Document.class)) {
            if (d.get("_id") instanceof String category) {
                n[NpsCategory.valueOf(category).ordinal()] = ((Number) d.get("n")).longValue();
            }
        }
        return new NpsCounts(n[NpsCategory.PROMOTER.ordinal()], n[NpsCategory.PASSIVE.ordinal()],
                n[NpsCategory.DETRACTOR.ordinal()]);
    }
}
