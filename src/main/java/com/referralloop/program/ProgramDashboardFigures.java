package com.referralloop.program;

import com.referralloop.account.Account;
import com.referralloop.account.AccountService;
import com.referralloop.account.Contact;
import com.referralloop.referral.AccountRating;
import com.referralloop.referral.AskService;
import com.referralloop.referral.Consent;
import com.referralloop.referral.ConsentService;
import com.referralloop.referral.RatingGrade;
import com.referralloop.referral.ReferenceAsk;
import com.referralloop.referral.Referral;
import com.referralloop.testimonial.Testimonial;
import com.referralloop.web.DashboardFilter;
import com.referralloop.web.ProgramFigures;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/** The referral program's figures for the web dashboard and its CSV export. */
@Component
class ProgramDashboardFigures implements ProgramFigures {

    private final MongoTemplate mongo;
    private final AccountService accounts;
    private final ConsentService consents;
    private final AskService asks;

    ProgramDashboardFigures(MongoTemplate mongo, AccountService accounts, ConsentService consents, AskService asks) {
        this.mongo = mongo;
        this.accounts = accounts;
        this.consents = consents;
        this.asks = asks;
    }

    @Override
    public long consents(DashboardFilter f) {
        return countInPeriod(f, "recordedAt", Consent.class, Criteria.where("withdrawn").is(false));
    }

    @Override
    public long referencesUsed(DashboardFilter f) {
        return countInPeriod(f, "askedAt", ReferenceAsk.class, Criteria.where("source").is("command"));
    }

    @Override
    public long testimonials(DashboardFilter f) {
        return countInPeriod(f, "createdAt", Testimonial.class, null);
    }

    @Override
    public long referrals(DashboardFilter f) {
        return countInPeriod(f, "createdAt", Referral.class, null);
    }

    @Override
    public List<ReferenceCustomer> topReferences(DashboardFilter f, int limit) {
        Set<String> mine = ownedBy(f);
        List<ReferenceCustomer> out = new ArrayList<>();
        // grade by grade, best first, each a query limited to what is still missing: never all ratings
        for (RatingGrade grade : RatingGrade.searchOrder()) {
            int missing = limit - out.size();
            if (missing <= 0) {
                break;
            }
            Criteria c = Criteria.where("grade").is(grade);
            if (mine != null) {
                c = c.and("_id").in(mine);
            }
            for (AccountRating r : mongo.find(Query.query(c).with(Sort.by("_id")).limit(missing), AccountRating.class)) {
                accounts.find(r.accountId()).ifPresent(a -> {
                    List<Contact> cs = accounts.contactsOf(a.id());
                    Contact best = cs.stream().filter(x -> consents.live(x.id()).isPresent()).findFirst()
                            .orElse(cs.isEmpty() ? null : cs.get(0));
                    int remaining = best == null ? 0 : (int) Math.max(0, asks.limit() - asks.asksThisQuarter(best.id()));
                    out.add(new ReferenceCustomer(a.id(), a.name(), best == null ? "-" : best.name() != null ? best.name()
                            : best.email(), r.grade().code(), remaining));
                });
            }
        }
        return out;
    }

    @Override
    public List<ReferralNode> referralTrees(DashboardFilter f) {
        List<Referral> all = inPeriod(f, "createdAt", Referral.class, null);
        Map<String, Referral> byId = all.stream().collect(Collectors.toMap(Referral::id, Function.identity()));
        // children by parent, built once: each node then finds its children in O(1), not by scanning all
        Map<String, List<Referral>> children = all.stream().filter(r -> r.parentId() != null)
                .sorted(Comparator.comparing(Referral::createdAt))
                .collect(Collectors.groupingBy(Referral::parentId));
        return all.stream().filter(r -> r.parentId() == null || !byId.containsKey(r.parentId()))
                .sorted(Comparator.comparing(Referral::createdAt))
                .map(r -> node(r, children, 0)).toList();
    }

    @Override
    public List<ReferralRow> referralRows(DashboardFilter f) {
        List<Referral> rows = inPeriod(f, "createdAt", Referral.class, null);
        // the names of the accounts these rows name, by id: not every account in the store
        Query named = Query.query(Criteria.where("_id").in(rows.stream().map(Referral::accountId).distinct().toList()));
        named.fields().include("_id").include("name");
        Map<String, String> names = mongo.find(named, Account.class).stream()
                .collect(Collectors.toMap(Account::id, a -> a.name() == null ? a.id() : a.name(), (a, b) -> a));
        return rows.stream()
                .sorted(Comparator.comparing(Referral::createdAt))
                .map(r -> new ReferralRow(r.id(), r.referrerContactId() != null ? r.referrerContactId() : r.referrerName(),
                        names.getOrDefault(r.accountId(), r.accountId()), r.referredName(), r.referredEmail(), r.company(),
                        r.parentId(), r.generation(), r.status().name(), r.createdAt()))
                .toList();
    }

    private ReferralNode node(Referral r, Map<String, List<Referral>> childrenByParent, int depth) {
        List<ReferralNode> children = depth > 20 ? List.of() : childrenByParent.getOrDefault(r.id(), List.of()).stream()
                .map(c -> node(c, childrenByParent, depth + 1)).toList();
        String referred = r.referredName() != null ? r.referredName() : r.referredEmail();
        return new ReferralNode(r.id(), r.referrerName() + " → " + referred + (r.company() == null ? "" : " at " + r.company()),
                r.status().name(), children);
    }

    /** Counted by MongoDB (countDocuments on the period's index), no document read into Java. */
    private long countInPeriod(DashboardFilter f, String field, Class<?> type, Criteria extra) {
        return mongo.count(periodQuery(f, field, extra), type);
    }

    private <T> List<T> inPeriod(DashboardFilter f, String field, Class<T> type, Criteria extra) {
        return mongo.find(periodQuery(f, field, extra), type);
    }

    private Query periodQuery(DashboardFilter f, String field, Criteria extra) {
        Criteria c = f.to() == null ? Criteria.where(field).gte(f.from()) : Criteria.where(field).gte(f.from()).lt(f.to());
        Set<String> mine = ownedBy(f);
        if (mine != null) {
            c = c.and("accountId").in(mine);
        }
        Query q = Query.query(c);
        if (extra != null) {
            q.addCriteria(extra);
        }
        return q;
    }

    /** Account ids of the filter's owner, or null for everyone. */
    private Set<String> ownedBy(DashboardFilter f) {
        if (f.owner() == null) {
            return null;
        }
        return accounts.ownedBy(f.owner()).stream().map(Account::id).collect(Collectors.toSet());
    }
}
