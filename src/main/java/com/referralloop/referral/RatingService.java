package com.referralloop.referral;

import com.referralloop.account.Account;
import com.referralloop.account.AccountService;
import com.referralloop.audit.AuditLog;
import com.referralloop.chat.ChatUser;
import com.referralloop.support.InvalidInputException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

/** Rates accounts (A/1/B/2/C/D with risk flags), keeps the history, and sets the next review date. */
@Service
public class RatingService {

    public static final String FRIEND = "friend";

    private final MongoTemplate mongo;
    private final Clock clock;
    private final ProgramProperties props;
    private final Permissions permissions;
    private final ConsentService consents;
    private final AccountService accounts;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;

    RatingService(MongoTemplate mongo, Clock clock, ProgramProperties props, Permissions permissions,
                  ConsentService consents, AccountService accounts, AuditLog audit, ApplicationEventPublisher events) {
        this.mongo = mongo;
        this.clock = clock;
        this.props = props;
        this.permissions = permissions;
        this.consents = consents;
        this.accounts = accounts;
        this.audit = audit;
        this.events = events;
    }

    /** One atomic upsert: the new rating on top, the same rating appended to the history. */
    public AccountRating rate(ChatUser by, Account account, RatingGrade grade, List<RiskFlag> risks, String reason,
                              String valueClass) {
        permissions.requireOwnerOrAdmin(by, account, "rate it");
        String why = reason == null || reason.isBlank() ? null : reason.trim();
        if (grade == RatingGrade.D && why == null) {
            throw new InvalidInputException("a D rating needs a reason: add reason=\"...\"");
        }
        String vc = valueClass == null || valueClass.isBlank() ? null : valueClass.trim().toLowerCase(Locale.ROOT);
        if (FRIEND.equals(vc) && !consents.anyLive(accounts.contactsOf(account.id()))) {
            throw new ProgramException("the value class \"friend\" needs a contact of " + account.name()
                    + " with live consent; record consent first (/referral consent <contact> level=...)");
        }
        Optional<AccountRating> before = find(account.id());
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        AccountRating.Entry entry = new AccountRating.Entry(grade, risks, why, vc, AuditLog.who(by), now);
        Update u = new Update().set("grade", grade).set("risks", risks).set("reason", why).set("valueClass", vc)
                .set("reviewedOn", today).set("nextReview", today.plus(props.reviewInterval()))
                .set("ratedBy", AuditLog.who(by)).set("ratedAt", now).push("history", entry);
        AccountRating saved = mongo.findAndModify(Query.query(Criteria.where("_id").is(account.id())), u,
                FindAndModifyOptions.options().upsert(true).returnNew(true), AccountRating.class);
        audit.record("RATING", account.id(), by, before.map(this::line).orElse("not rated"), line(saved));
        events.publishEvent(new ProgramEvents.AccountRated(saved));
        return saved;
    }

    /**
     * Records a yearly review that changed nothing: the rating stays, its next review moves a review interval on.
     * Does nothing for an account that has no rating.
     */
    public void confirmReview(String accountId, String by, Instant at) {
        LocalDate day = LocalDate.ofInstant(at, ZoneOffset.UTC);
        mongo.updateFirst(Query.query(Criteria.where("_id").is(accountId)),
                new Update().set("reviewedOn", day).set("nextReview", day.plus(props.reviewInterval())), AccountRating.class);
    }

    public Optional<AccountRating> find(String accountId) {
        return accountId == null ? Optional.empty() : Optional.ofNullable(mongo.findById(accountId, AccountRating.class));
    }

    /** Ratings whose yearly review is due today or overdue, oldest first (for reminders and the dashboard). */
    public List<AccountRating> dueForReview() {
        return dueForReview(java.time.Period.ZERO);
    }

    /** Ratings due for review within {@code ahead} from today, or overdue, oldest first. */
    public List<AccountRating> dueForReview(java.time.Period ahead) {
        LocalDate until = LocalDate.now(clock.withZone(ZoneOffset.UTC)).plus(ahead);
        return mongo.find(Query.query(Criteria.where("nextReview").lte(until))
                .with(org.springframework.data.domain.Sort.by("nextReview")), AccountRating.class);
    }

    /** The grade used for ordering searches; null when not rated. */
    public RatingGrade gradeOf(String accountId) {
        return find(accountId).map(AccountRating::grade).orElse(null);
    }

    /** For follow-up messages and status: "1 (could become an A), risks: political; review due 2027-11-25". */
    public String describe(String accountId) {
        return find(accountId).map(this::line).orElse("not rated");
    }

    /** {@link #describe} for many accounts with one {@code _id $in} query; every given id is in the map. */
    public java.util.Map<String, String> describeAll(java.util.Collection<String> accountIds) {
        java.util.Map<String, AccountRating> found = findAll(accountIds);
        java.util.Map<String, String> lines = new java.util.HashMap<>();
        accountIds.stream().filter(java.util.Objects::nonNull).distinct()
                .forEach(id -> lines.put(id, found.containsKey(id) ? line(found.get(id)) : "not rated"));
        return lines;
    }

    /** Ratings of many accounts with one {@code _id $in} query; accounts not rated are absent. */
    public java.util.Map<String, AccountRating> findAll(java.util.Collection<String> accountIds) {
        List<String> ids = accountIds.stream().filter(java.util.Objects::nonNull).distinct().toList();
        java.util.Map<String, AccountRating> found = new java.util.HashMap<>();
        if (!ids.isEmpty()) {
            mongo.find(Query.query(Criteria.where("_id").in(ids)), AccountRating.class)
                    .forEach(r -> found.put(r.accountId(), r));
        }
        return found;
    }

    String line(AccountRating r) {
        StringBuilder b = new StringBuilder(r.grade().describe());
        if (!r.risks().isEmpty()) {
            b.append(", risks: ").append(String.join(", ", r.risks().stream().map(RiskFlag::word).toList()));
        }
        if (r.valueClass() != null) {
            b.append(", class ").append(r.valueClass());
            if (FRIEND.equals(r.valueClass()) && !consents.anyLive(accounts.contactsOf(r.accountId()))) {
                b.append(" (suspended: no live consent)");
            }
        }
        if (r.reason() != null) {
            b.append(", reason: ").append(r.reason());
        }
        if (r.nextReview() != null) {
            LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
            b.append(r.nextReview().isBefore(today) ? "; review overdue since " : "; next review ").append(r.nextReview());
        }
        return b.toString();
    }
}
