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
import com.referralloop.support.PageCursor;
import com.referralloop.testimonial.Testimonial;
import com.referralloop.web.DashboardFilter;
import com.referralloop.web.ProgramFigures;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/** The referral program's figures for the web dashboard and its CSV export. */
@Component
class ProgramDashboardFigures implements ProgramFigures {

    /** Referrals per cursor batch of the CSV export, and per account-name lookup. */
    static final int EXPORT_BATCH = 500;

    private final MongoTemplate mongo;
    private final AccountService accounts;
    private final ConsentService consents;
    private final AskService asks;
    private final ReferralTrees trees;

    ProgramDashboardFigures(MongoTemplate mongo, AccountService accounts, ConsentService consents, AskService asks) {
        this.mongo = mongo;
        this.trees = new ReferralTrees(mongo);
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
    public List<ReferralNode> referralTrees(DashboardFilter f, PageCursor after, int count) {
        return trees.page(periodCriteria(f, "createdAt"), after, count);
    }

    @Override
    public void referralRows(DashboardFilter f, Consumer<ReferralRow> sink) {
        Query rows = Query.query(periodCriteria(f, "createdAt")).with(PageCursor.sort("createdAt", Sort.Direction.ASC))
                .cursorBatchSize(EXPORT_BATCH);
        List<Referral> batch = new ArrayList<>(EXPORT_BATCH);
        try (Stream<Referral> stream = mongo.stream(rows, Referral.class)) {
            stream.forEach(r -> {
                batch.add(r);
                if (batch.size() == EXPORT_BATCH) {
                    emit(batch, sink);
                }
            });
        }
        emit(batch, sink);
    }

    /** Hands a batch to the sink with its accounts' names (one query for the batch's accounts), then forgets it. */
    private void emit(List<Referral> batch, Consumer<ReferralRow> sink) {
        if (batch.isEmpty()) {
            return;
        }
        Query named = Query.query(Criteria.where("_id").in(batch.stream().map(Referral::accountId).distinct().toList()));
        named.fields().include("_id").include("name");
        Map<String, String> names = mongo.find(named, Account.class).stream()
                .collect(Collectors.toMap(Account::id, a -> a.name() == null ? a.id() : a.name(), (a, b) -> a));
        batch.forEach(r -> sink.accept(new ReferralRow(r.id(),
                r.referrerContactId() != null ? r.referrerContactId() : r.referrerName(),
                names.getOrDefault(r.accountId(), r.accountId()), r.referredName(), r.referredEmail(), r.company(),
                r.parentId(), r.generation(), r.status().name(), r.createdAt())));
        batch.clear();
    }

    /** Counted by MongoDB (countDocuments on the period's index), no document read into Java. */
    private long countInPeriod(DashboardFilter f, String field, Class<?> type, Criteria extra) {
        return mongo.count(periodQuery(f, field, extra), type);
    }

    private Query periodQuery(DashboardFilter f, String field, Criteria extra) {
        Query q = Query.query(periodCriteria(f, field));
        if (extra != null) {
            q.addCriteria(extra);
        }
        return q;
    }

    /** In the filter's period (on {@code field}) and, with an owner, on one of their accounts. */
    private Criteria periodCriteria(DashboardFilter f, String field) {
        Criteria c = f.to() == null ? Criteria.where(field).gte(f.from()) : Criteria.where(field).gte(f.from()).lt(f.to());
        Set<String> mine = ownedBy(f);
        return mine == null ? c : c.and("accountId").in(mine);
    }

    /** Account ids of the filter's owner, or null for everyone. */
    private Set<String> ownedBy(DashboardFilter f) {
        if (f.owner() == null) {
            return null;
        }
        return accounts.ownedBy(f.owner()).stream().map(Account::id).collect(Collectors.toSet());
    }
}
