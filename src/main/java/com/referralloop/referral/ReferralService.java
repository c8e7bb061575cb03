package com.referralloop.referral;

import static com.referralloop.support.Strings.blankToNull;

import com.referralloop.account.Contact;
import com.referralloop.audit.AuditLog;
import com.referralloop.chat.ChatUser;
import com.referralloop.support.InvalidInputException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

/** Logs referrals, moves them through their statuses, and sums up a contact's referral tree. */
@Service
public class ReferralService {

    /** A contact's tree in numbers: "3 direct, 11 in all across 3 generations", won count and value. */
    public record Tree(long direct, long all, int generations, long won, long wonValue) {

        public String describe() {
            if (all == 0) {
                return "no referrals yet";
            }
            return direct + " direct, " + all + " in all across " + generations + " generation" + (generations == 1 ? "" : "s")
                    + "; " + won + " won" + (wonValue > 0 ? " worth " + wonValue : "");
        }
    }

    private final MongoTemplate mongo;
    private final Clock clock;
    private final Permissions permissions;
    private final ApplicationEventPublisher events;
    private final AuditLog audit;

    ReferralService(MongoTemplate mongo, Clock clock, Permissions permissions, ApplicationEventPublisher events,
                    AuditLog audit) {
        this.mongo = mongo;
        this.audit = audit;
        this.clock = clock;
        this.permissions = permissions;
        this.events = events;
    }

    public Referral log(ChatUser by, Contact referrer, String parentId, String referred, String company,
                        ReferralStatus status, long value) {
        permissions.requireRep(by, "log referrals");
        if (referred == null || referred.isBlank()) {
            throw new InvalidInputException("missing referred=<name or email>");
        }
        Referral parent = parentId == null ? null : get(parentId);
        if (referrer == null && parent == null) {
            throw new InvalidInputException("name the referring contact, or parent=<referral-id> for someone referred before");
        }
        String r = referred.trim();
        boolean isEmail = r.matches("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");
        Instant now = clock.instant();
        String root = parent != null ? parent.rootContactId() : referrer.id();
        String referrerName = referrer != null ? referrer.email() : nameOf(parent);
        Referral saved = new Referral(ShortIds.next('L'), referrer == null ? null : referrer.id(), referrerName, root,
                referrer != null ? referrer.accountId() : parent.accountId(), isEmail ? null : r,
                isEmail ? r.toLowerCase(Locale.ROOT) : null, blankToNull(company), parent == null ? null : parent.id(),
                parent == null ? 1 : parent.generation() + 1, status == null ? ReferralStatus.NEW : status, Math.max(0, value),
                AuditLog.who(by), now, now);
        Referral inserted = mongo.insert(saved);
        events.publishEvent(new ProgramEvents.ReferralLogged(inserted));
        return inserted;
    }

    public Referral update(ChatUser by, String id, ReferralStatus status, Long value) {
        permissions.requireRep(by, "update referrals");
        if (status == null && value == null) {
            throw new InvalidInputException("say what changes: status=<" + ReferralStatus.words() + "> and/or value=<amount>");
        }
        Referral before = get(id);
        Referral r = move(Criteria.where("_id").is(before.id()), before, status, value, AuditLog.who(by));
        if (r == null) {
            throw new InvalidInputException("no referral with id " + id);
        }
        return r;
    }

    /**
     * The CRM's word on a referred person (a won deal with its amount, a lost lead), applied to each of their
     * referrals the way a rep's update is (same event, same audit line, same figures), but only forward: a won
     * referral is never set back, and the same word read again changes nothing. A won referral only takes a
     * new, known amount. Returns the referrals that changed.
     */
    public List<Referral> applyCrmOutcome(String referredEmail, ReferralStatus status, Long value, String crm) {
        if (referredEmail == null || referredEmail.isBlank() || status == null) {
            return List.of();
        }
        String email = referredEmail.trim().toLowerCase(Locale.ROOT);
        Long amount = value == null || value <= 0 ? null : value;
        List<Referral> moved = new java.util.ArrayList<>();
        // served by the referral_referred_email index: a person is referred a handful of times at most
        for (Referral r : mongo.find(Query.query(Criteria.where("referredEmail").is(email)), Referral.class)) {
            Criteria unchanged = Criteria.where("_id").is(r.id()).and("status").is(r.status()).and("value").is(r.value());
            Referral after = null;
            if (r.status().movesForwardTo(status)) {
                after = move(unchanged, r, status, amount, "crm:" + crm);
            } else if (r.status() == status && status == ReferralStatus.WON && amount != null && amount != r.value()) {
                after = move(unchanged, r, null, amount, "crm:" + crm);
            }
            if (after != null) {
                moved.add(after);
            }
        }
        return moved;
    }

    /** One atomic update guarded by {@code match} (null when it no longer matches), its event and audit line. */
    private Referral move(Criteria match, Referral before, ReferralStatus status, Long value, String by) {
        Update u = new Update().set("updatedAt", clock.instant());
        if (status != null) {
            u.set("status", status);
        }
        if (value != null) {
            u.set("value", value);
        }
        Referral r = mongo.findAndModify(Query.query(match), u, FindAndModifyOptions.options().returnNew(true), Referral.class);
        if (r == null) {
            return null;
        }
        audit.record("REFERRAL_UPDATED", r.id(), by, describe(before), describe(r));
        events.publishEvent(new ProgramEvents.ReferralUpdated(r));
        return r;
    }

    private static String describe(Referral r) {
        return r.status().word() + (r.value() > 0 ? ", value " + r.value() : "");
    }

    public Referral get(String id) {
        return Optional.ofNullable(mongo.findById(ShortIds.normalise(id), Referral.class))
                .orElseThrow(() -> new InvalidInputException("no referral with id " + id));
    }

    public List<Referral> treeOf(String contactId) {
        return mongo.find(Query.query(Criteria.where("rootContactId").is(contactId))
                .with(Sort.by("generation", "createdAt")), Referral.class);
    }

    public Tree summary(String contactId) {
        return summarise(treeOf(contactId));
    }

    public Tree summaryOfAccount(String accountId) {
        return summarise(mongo.find(Query.query(Criteria.where("accountId").is(accountId)), Referral.class));
    }

    static Tree summarise(List<Referral> all) {
        long direct = all.stream().filter(r -> r.generation() == 1).count();
        int generations = all.stream().mapToInt(Referral::generation).max().orElse(0);
        long won = all.stream().filter(r -> r.status() == ReferralStatus.WON).count();
        long wonValue = all.stream().filter(r -> r.status() == ReferralStatus.WON).mapToLong(Referral::value).sum();
        return new Tree(direct, all.size(), generations, won, wonValue);
    }

    public static long parseValue(String raw) {
        if (raw == null || raw.isBlank()) {
            return 0;
        }
        String s = raw.trim().replace(",", "").replace("_", "").toLowerCase(Locale.ROOT);
        long factor = 1;
        if (s.endsWith("k")) {
            factor = 1000;
            s = s.substring(0, s.length() - 1);
        }
        try {
            double v = Double.parseDouble(s);
            if (v < 0 || Double.isNaN(v) || Double.isInfinite(v) || v * factor > 1e15) {
                throw new NumberFormatException();
            }
            return Math.round(v * factor);
        } catch (NumberFormatException e) {
            throw new InvalidInputException("value must be an amount like 12000 or 12k, not '" + raw + "'");
        }
    }

    private static String nameOf(Referral r) {
        return r.referredName() != null ? r.referredName() : r.referredEmail();
    }
}
