package com.referralloop.referral;

import com.referralloop.account.Account;
import com.referralloop.account.Contact;
import com.referralloop.audit.AuditLog;
import com.referralloop.chat.ChatUser;
import com.referralloop.support.InvalidInputException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
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
 * Reference requests and the fatigue limit: asking needs live consent of level active or above,
 * and past the quarterly limit an override reason, which is stored with the request and audited.
 */
@Service
public class AskService {

    private final MongoTemplate mongo;
    private final Clock clock;
    private final ProgramProperties props;
    private final Permissions permissions;
    private final ConsentService consents;
    private final ContactResolver resolver;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;

    AskService(MongoTemplate mongo, Clock clock, ProgramProperties props, Permissions permissions,
               ConsentService consents, ContactResolver resolver, AuditLog audit, ApplicationEventPublisher events) {
        this.mongo = mongo;
        this.clock = clock;
        this.props = props;
        this.permissions = permissions;
        this.consents = consents;
        this.resolver = resolver;
        this.audit = audit;
        this.events = events;
    }

    public ReferenceAsk ask(ChatUser by, Contact contact, String forWhat, String note, String override) {
        permissions.requireRep(by, "ask customers to be references");
        if (forWhat == null || forWhat.isBlank()) {
            throw new InvalidInputException("missing for=<prospect or deal>");
        }
        Account account = resolver.accountOf(contact);
        Optional<Consent> live = consents.live(contact.id());
        if (live.isEmpty() || !live.get().level().atLeast(ConsentLevel.ACTIVE)) {
            throw new ProgramException(contact.email() + " cannot be asked: consent is "
                    + consents.describe(contact.id()) + "; asking needs live consent of level active or above.");
        }
        Instant now = clock.instant();
        List<Instant> recent = recentAsks(contact.id());
        String reason = override == null || override.isBlank() ? null : override.trim();
        if (Fatigue.overLimit(recent, now, props.fatigueLimitPerQuarter()) && reason == null) {
            throw new ProgramException(contact.email() + " was already asked " + Fatigue.asksThisQuarter(recent, now)
                    + " time(s) this quarter (" + dates(recent, now) + "); the limit is " + props.fatigueLimitPerQuarter()
                    + " per quarter. Nothing was recorded. To ask anyway add override=\"<reason>\".");
        }
        boolean overriding = reason != null && Fatigue.overLimit(recent, now, props.fatigueLimitPerQuarter());
        ReferenceAsk r = new ReferenceAsk(ShortIds.next('R'), contact.id(), account.id(), forWhat.trim(),
                note == null || note.isBlank() ? null : note.trim(), AuditLog.who(by), now, overriding ? reason : null,
                "command", null, null, null, null);
        mongo.insert(r);
        if (!overriding && Fatigue.asksThisQuarter(recentAsks(contact.id()), now) > props.fatigueLimitPerQuarter()) {
            // another ask for the same contact landed between our count and our insert: withdraw ours
            // rather than exceed the limit (both racers may back off; a retry then sees the real count)
            mongo.remove(r);
            throw new ProgramException(contact.email() + " was asked by someone else just now; the limit of "
                    + props.fatigueLimitPerQuarter() + " per quarter is reached. Nothing was recorded.");
        }
        if (overriding) {
            audit.record("FATIGUE_OVERRIDE", contact.id(), by, Fatigue.asksThisQuarter(recent, now) + " asks this quarter ("
                    + dates(recent, now) + ")", "ask " + r.id() + " for " + r.forWhat() + "; reason: " + reason);
        }
        events.publishEvent(new ProgramEvents.ReferenceAsked(r));
        return r;
    }

    /**
     * Counts a follow-up's "ask for a referral" against the contact's limit. It is never refused:
     * the customer just volunteered a high score, and the rep answering it is not pestering them;
     * but a later reference ask in the same quarter should know about it. Idempotent per follow-up.
     */
    public void recordFollowUpAsk(String followUpId, String contactId, String accountId, String by) {
        ReferenceAsk r = new ReferenceAsk("FU-" + followUpId, contactId, accountId, "referral (follow-up "
                + followUpId + ")", null, by, clock.instant(), null, "followup:" + followUpId, null, null, null, null);
        try {
            mongo.insert(r);
        } catch (DuplicateKeyException alreadyCounted) {
            // the same follow-up closed twice cannot count twice
            return;
        }
        // counted like any ask: the CRM's "asks this quarter" must include it
        events.publishEvent(new ProgramEvents.ReferenceAsked(r));
    }

    public ReferenceAsk outcome(ChatUser by, String requestId, RequestOutcome outcome, String note) {
        permissions.requireRep(by, "record the outcome of reference requests");
        ReferenceAsk r = mongo.findAndModify(Query.query(Criteria.where("_id").is(ShortIds.normalise(requestId))),
                new Update().set("outcome", outcome).set("outcomeNote", note).set("outcomeBy", AuditLog.who(by))
                        .set("outcomeAt", clock.instant()), FindAndModifyOptions.options().returnNew(true), ReferenceAsk.class);
        if (r == null) {
            throw new InvalidInputException("no reference request with id " + requestId);
        }
        return r;
    }

    /** Asks of a contact, newest first. */
    public List<ReferenceAsk> asksOf(String contactId) {
        return mongo.find(Query.query(Criteria.where("contactId").is(contactId))
                .with(Sort.by(Sort.Order.desc("askedAt"))), ReferenceAsk.class);
    }

    /**
     * {@link #recentAsks} for many contacts with one query (contactId $in, askedAt from the quarter's start,
     * the two fields only); every given id is in the map.
     */
    public java.util.Map<String, List<Instant>> recentAsksAll(java.util.Collection<String> contactIds) {
        List<String> ids = contactIds.stream().filter(java.util.Objects::nonNull).distinct().toList();
        java.util.Map<String, List<Instant>> asks = new java.util.HashMap<>();
        ids.forEach(id -> asks.put(id, new java.util.ArrayList<>()));
        if (!ids.isEmpty()) {
            Query q = Query.query(Criteria.where("contactId").in(ids).and("askedAt").gte(Fatigue.quarterStart(clock.instant())));
            q.fields().include("contactId", "askedAt");
            q.with(Sort.by(Sort.Order.asc("askedAt")));
            mongo.find(q, ReferenceAsk.class).forEach(a -> asks.get(a.contactId()).add(a.askedAt()));
        }
        return asks;
    }

    public List<Instant> recentAsks(String contactId) {
        return mongo.find(Query.query(Criteria.where("contactId").is(contactId)
                        .and("askedAt").gte(Fatigue.quarterStart(clock.instant()))), ReferenceAsk.class)
                .stream().map(ReferenceAsk::askedAt).sorted().toList();
    }

    public boolean underLimit(String contactId) {
        return !Fatigue.overLimit(recentAsks(contactId), clock.instant(), props.fatigueLimitPerQuarter());
    }

    public long asksThisQuarter(String contactId) {
        return Fatigue.asksThisQuarter(recentAsks(contactId), clock.instant());
    }

    public int limit() {
        return props.fatigueLimitPerQuarter();
    }

    private static String dates(List<Instant> asks, Instant now) {
        Instant from = Fatigue.quarterStart(now);
        return String.join(", ", asks.stream().filter(a -> !a.isBefore(from))
                .map(a -> LocalDate.ofInstant(a, ZoneOffset.UTC).toString()).toList());
    }
}
