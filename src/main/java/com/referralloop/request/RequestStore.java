package com.referralloop.request;

import com.referralloop.support.InvalidInputException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * Reads requests and moves them between states. A move is one conditional update on the state it starts
 * from, so two clicks racing end in one transition: the loser gets an {@link IllegalTransition} naming the
 * state the winner left.
 */
@Component
public class RequestStore {

    /** The move was refused: the request is not in a state it may move from. */
    public static final class IllegalTransition extends RequestException {
        public IllegalTransition(String message) {
            super(message);
        }
    }

    private final MongoTemplate mongo;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    RequestStore(MongoTemplate mongo, Clock clock, ApplicationEventPublisher events) {
        this.mongo = mongo;
        this.clock = clock;
        this.events = events;
    }

    ReferenceRequest insert(ReferenceRequest r) {
        ReferenceRequest stored = mongo.insert(r);
        events.publishEvent(new RequestMoved(stored, null));
        return stored;
    }

    public ReferenceRequest get(String id) {
        return find(id).orElseThrow(() -> new InvalidInputException("no reference request " + id
                + "; see /reference requests for yours"));
    }

    public Optional<ReferenceRequest> find(String id) {
        return id == null ? Optional.empty() : Optional.ofNullable(mongo.findById(com.referralloop.referral.ShortIds.normalise(id),
                ReferenceRequest.class));
    }

    /**
     * Moves {@code id} to {@code to} if it is in a state that may move there; {@code extra} adds fields to the
     * same update.
     */
    public ReferenceRequest move(String id, RequestState to, String by, String note, Consumer<Update> extra) {
        ReferenceRequest current = get(id);
        if (!current.state().canMoveTo(to)) {
            throw refused(current, to);
        }
        Instant now = clock.instant();
        Update u = new Update().set("state", to).set("updatedAt", now)
                .push("events", new RequestEvent(to.name(), by, now, current.state(), to, note));
        extra.accept(u);
        ReferenceRequest moved = mongo.findAndModify(Query.query(Criteria.where("_id").is(current.id())
                        .and("state").is(current.state())), u, FindAndModifyOptions.options().returnNew(true),
                ReferenceRequest.class);
        if (moved == null) {
            // someone else moved it between our read and our update
            throw refused(get(id), to);
        }
        events.publishEvent(new RequestMoved(moved, current.state()));
        return moved;
    }

    /** Adds an event that does not change the state (a reminder, an escalation). */
    void note(String id, String type, String by, String text, Consumer<Update> extra) {
        ReferenceRequest current = get(id);
        Update u = new Update().set("updatedAt", clock.instant())
                .push("events", new RequestEvent(type, by, clock.instant(), current.state(), current.state(), text));
        extra.accept(u);
        mongo.updateFirst(Query.query(Criteria.where("_id").is(current.id()).and("state").is(current.state())), u,
                ReferenceRequest.class);
    }

    private static IllegalTransition refused(ReferenceRequest r, RequestState to) {
        return new IllegalTransition("Request " + r.id() + " is " + r.state().word() + (r.state().finished()
                ? " and finished" : "") + "; it cannot become " + to.word() + " from there. Nothing was changed.");
    }

    /** Open requests of a contact (to close them when consent is withdrawn). */
    List<ReferenceRequest> awaitingYes(String contactId) {
        return mongo.find(Query.query(Criteria.where("contactId").is(contactId)
                .and("state").in(RequestState.REQUESTED, RequestState.APPROVED)), ReferenceRequest.class);
    }

    public List<ReferenceRequest> byRequester(String requesterKey, int limit) {
        return byRequester(requesterKey, null, limit);
    }

    /** A requester's requests, newest first, in {@code state} when given (requests_requester_state serves both). */
    public List<ReferenceRequest> byRequester(String requesterKey, RequestState state, int limit) {
        return mongo.find(Query.query(requestedBy(requesterKey, state)).with(Sort.by(Sort.Order.desc("createdAt")))
                .limit(limit), ReferenceRequest.class);
    }

    public long countByRequester(String requesterKey, RequestState state) {
        return mongo.count(Query.query(requestedBy(requesterKey, state)), ReferenceRequest.class);
    }

    private static Criteria requestedBy(String requesterKey, RequestState state) {
        Criteria c = Criteria.where("requesterKey").is(requesterKey);
        return state == null ? c : c.and("state").is(state);
    }

    public List<ReferenceRequest> toApprove(String ownerEmail, int limit) {
        return mongo.find(Query.query(Criteria.where("ownerEmail").is(ownerEmail).and("state").is(RequestState.REQUESTED))
                .with(Sort.by(Sort.Order.desc("createdAt"))).limit(limit), ReferenceRequest.class);
    }

    public long countToApprove(String ownerEmail) {
        return mongo.count(Query.query(Criteria.where("ownerEmail").is(ownerEmail).and("state").is(RequestState.REQUESTED)),
                ReferenceRequest.class);
    }

    /** A contact's whole reference history, newest first. */
    public List<ReferenceRequest> historyOf(String contactId, int limit) {
        return mongo.find(Query.query(Criteria.where("contactId").is(contactId))
                .with(Sort.by(Sort.Order.desc("createdAt"))).limit(limit), ReferenceRequest.class);
    }

    /** True when the contact already has a live (not ended by a no) request for the same deal or prospect. */
    boolean alreadyAskedFor(String contactId, String prospect, String deal) {
        Criteria same = deal != null ? Criteria.where("deal").is(deal) : Criteria.where("prospect").is(prospect);
        return mongo.exists(Query.query(new Criteria().andOperator(Criteria.where("contactId").is(contactId), same,
                Criteria.where("state").nin(RequestState.SUPERSEDED, RequestState.DECLINED))), ReferenceRequest.class);
    }
}
