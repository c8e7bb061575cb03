package com.referralloop.referral;

import com.referralloop.account.Account;
import com.referralloop.account.Contact;
import com.referralloop.audit.AuditLog;
import com.referralloop.chat.ChatUser;
import com.referralloop.support.InvalidInputException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.bson.types.ObjectId;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

/**
 * The consent ledger: records and withdraws consent (new entries only) and derives the current,
 * live consent, so expiry and withdrawal take effect everywhere the moment they happen.
 */
@Service
public class ConsentService {

    private final MongoTemplate mongo;
    private final Clock clock;
    private final ProgramProperties props;
    private final Permissions permissions;
    private final ContactResolver resolver;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;

    ConsentService(MongoTemplate mongo, Clock clock, ProgramProperties props, Permissions permissions,
                   ContactResolver resolver, AuditLog audit, ApplicationEventPublisher events) {
        this.mongo = mongo;
        this.clock = clock;
        this.props = props;
        this.permissions = permissions;
        this.resolver = resolver;
        this.audit = audit;
        this.events = events;
    }

    public Consent record(ChatUser by, Contact contact, ConsentLevel level, List<String> scope, LocalDate expires,
                          String evidence) {
        Account account = resolver.accountOf(contact);
        permissions.requireOwnerOrAdmin(by, account, "record consent for its contacts");
        if (expires != null && expires.isBefore(today())) {
            throw new InvalidInputException("expires=" + expires + " is in the past; give a future date (yyyy-mm-dd)");
        }
        List<String> s = scope == null || scope.isEmpty() ? level.defaultScope() : scope;
        String before = describe(contact.id());
        Consent c = new Consent(new ObjectId().toHexString(), contact.id(), account.id(), level, s, expires,
                trim(evidence), AuditLog.who(by), clock.instant(), false, null);
        mongo.insert(c);
        audit.record("CONSENT_RECORDED", contact.id(), by, before, c.describe()
                + (c.evidence() == null ? "" : "; evidence: " + c.evidence()));
        events.publishEvent(new ProgramEvents.ConsentRecorded(c));
        return c;
    }

    public Consent withdraw(ChatUser by, Contact contact, String reason) {
        Account account = resolver.accountOf(contact);
        permissions.requireOwnerOrAdmin(by, account, "withdraw consent for its contacts");
        Optional<Consent> latest = latest(contact.id());
        if (latest.isEmpty() || latest.get().withdrawn()) {
            throw new ProgramException(contact.email() + " has no consent on record to withdraw.");
        }
        String before = describe(contact.id());
        Consent c = new Consent(new ObjectId().toHexString(), contact.id(), account.id(), null, List.of(), null, null,
                AuditLog.who(by), clock.instant(), true, trim(reason));
        mongo.insert(c);
        audit.record("CONSENT_WITHDRAWN", contact.id(), by, before, "withdrawn" + (c.reason() == null ? "" : ": " + c.reason()));
        events.publishEvent(new ProgramEvents.ConsentWithdrawn(c));
        return c;
    }

    /** The latest ledger entry, live or not. */
    public Optional<Consent> latest(String contactId) {
        return Optional.ofNullable(mongo.findOne(Query.query(Criteria.where("contactId").is(contactId))
                .with(Sort.by(Sort.Order.desc("recordedAt"), Sort.Order.desc("_id"))).limit(1), Consent.class));
    }

    /** The consent in force now: the latest entry when it is neither withdrawn nor expired. */
    public Optional<Consent> live(String contactId) {
        return latest(contactId).filter(c -> c.liveOn(today()));
    }

    public List<Consent> history(String contactId) {
        return mongo.find(Query.query(Criteria.where("contactId").is(contactId))
                .with(Sort.by(Sort.Order.asc("recordedAt"), Sort.Order.asc("_id"))), Consent.class);
    }

    /** One line for messages, e.g. "active (quote, call) until 2027-06-30", "none (expired 2026-01-31)". */
    public String describe(String contactId) {
        return describe(latest(contactId));
    }

    /**
     * {@link #describe} for many contacts with one query of their ledger entries (a batch of follow-ups
     * costs one read, not one per contact); every given id is in the map.
     */
    public java.util.Map<String, String> describeAll(java.util.Collection<String> contactIds) {
        java.util.Map<String, Consent> latest = latestAll(contactIds);
        java.util.Map<String, String> lines = new java.util.HashMap<>();
        contactIds.stream().filter(java.util.Objects::nonNull).distinct()
                .forEach(id -> lines.put(id, describe(Optional.ofNullable(latest.get(id)))));
        return lines;
    }

    /** {@link #latest} for many contacts with one {@code contactId $in} query; contacts with no entry are absent. */
    public java.util.Map<String, Consent> latestAll(java.util.Collection<String> contactIds) {
        List<String> ids = contactIds.stream().filter(java.util.Objects::nonNull).distinct().toList();
        java.util.Map<String, Consent> latest = new java.util.HashMap<>();
        if (!ids.isEmpty()) {
            // same order as latest(): the first entry of a contact is its latest
            for (Consent c : mongo.find(Query.query(Criteria.where("contactId").in(ids))
                    .with(Sort.by(Sort.Order.desc("recordedAt"), Sort.Order.desc("_id"))), Consent.class)) {
                latest.putIfAbsent(c.contactId(), c);
            }
        }
        return latest;
    }

    /** {@link #live} for many contacts in one query: only the contacts whose latest entry is in force now. */
    public java.util.Map<String, Consent> liveAll(java.util.Collection<String> contactIds) {
        java.util.Map<String, Consent> live = new java.util.HashMap<>(latestAll(contactIds));
        LocalDate today = today();
        live.values().removeIf(c -> !c.liveOn(today));
        return live;
    }

    private String describe(Optional<Consent> latest) {
        if (latest.isEmpty()) {
            return "none";
        }
        Consent c = latest.get();
        if (c.withdrawn()) {
            return "none (withdrawn " + c.recordedAt().atZone(ZoneOffset.UTC).toLocalDate() + ")";
        }
        if (!c.liveOn(today())) {
            return "none (expired " + c.expires() + ")";
        }
        return c.describe();
    }

    public boolean anyLive(List<Contact> contacts) {
        return contacts.stream().anyMatch(c -> live(c.id()).isPresent());
    }

    /** Parses "logo,quote" against the configured scopes; "review" is accepted for review-site. */
    public List<String> parseScope(String raw) {
        if (raw == null || raw.isBlank()) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (String part : raw.split("[,;\\s]+")) {
            String p = part.trim().toLowerCase(Locale.ROOT);
            if (p.isEmpty()) {
                continue;
            }
            if (p.equals("review")) {
                p = "review-site";
            }
            if (!props.scopes().contains(p)) {
                throw new InvalidInputException("unknown scope '" + part + "'; allowed: " + String.join(",", props.scopes()));
            }
            if (!out.contains(p)) {
                out.add(p);
            }
        }
        return out;
    }

    public static LocalDate parseDate(String raw, String option) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(raw.trim());
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(option + " must be a date like 2027-06-30, not '" + raw + "'");
        }
    }

    LocalDate today() {
        return LocalDate.now(clock.withZone(ZoneOffset.UTC));
    }

    private static String trim(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
