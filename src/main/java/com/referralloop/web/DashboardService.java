package com.referralloop.web;

import com.referralloop.account.Account;
import com.referralloop.account.AccountListing;
import com.referralloop.account.AccountService;
import com.referralloop.feedback.Feedback;
import com.referralloop.web.DashboardFigures.All;
import com.referralloop.web.DashboardFigures.Funnel;
import com.referralloop.web.DashboardFigures.Nps;
import com.referralloop.web.DashboardFigures.NpsWeek;
import com.referralloop.web.DashboardFigures.OwnerLoad;
import com.referralloop.web.DashboardFigures.Sla;
import com.referralloop.web.DashboardFigures.TimeToImpact;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.bson.Document;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

/**
 * Computes the dashboard figures from {@code feedback} and {@code followups}: NPS by day and the follow-up
 * figures are counted and grouped in MongoDB and kept per past day ({@link KeptDays}), the owners table per
 * owner ({@link KeptOwners}), so each read returns a handful of documents however many answers the store
 * holds, and no read cap can make a figure silently wrong.
 */
@Service
public class DashboardService {

    /** The dashboard draws the first page of referral trees; the API pages through the rest. */
    static final int TREES_ON_PAGE = com.referralloop.support.Pages.DEFAULT_LIMIT;
    /** Owners in the page's open-and-overdue table: the busiest; the page says how many more have follow-ups open. */
    static final int OWNERS_SHOWN = 20;

    private final MongoTemplate mongo;
    private final AccountService accounts;
    private final AccountListing accountListing;
    private final ObjectProvider<ProgramFigures> program;
    private final KeptOwners keptOwners;
    private final KeptDays npsDays;
    private final KeptDays followUpDays;
    private final ObjectProvider<RequestFigures> requests;
    private final Clock clock;

    DashboardService(MongoTemplate mongo, AccountService accounts, AccountListing accountListing,
                     ObjectProvider<ProgramFigures> program, ObjectProvider<RequestFigures> requests, Clock clock) {
        this.requests = requests;
        this.accountListing = accountListing;
        this.mongo = mongo;
        this.accounts = accounts;
        this.program = program;
        this.keptOwners = new KeptOwners(mongo);
        this.npsDays = new KeptDays(mongo, new NpsDayFigure(mongo));
        this.followUpDays = new KeptDays(mongo, new FollowUpDayFigure(mongo));
        this.clock = clock;
    }

    public DashboardFilter filter(String period, String owner, String source) {
        return DashboardFilter.of(period, owner, source, clock.instant());
    }

    public ProgramFigures program() {
        return program.getIfAvailable(NoProgramFigures::new);
    }

    public All all(DashboardFilter f) {
        ProgramFigures p = program();
        FollowUpDayFolds period = followUpDays(f);
        List<NpsByDay.DayCount> days = npsDays(f);
        return new All(f, NpsByDay.total(days), NpsByDay.weeks(days), funnel(f, period, p), period.sla(),
                period.timeToImpact(), owners(f, OWNERS_SHOWN),
                keptOwners.ownersWithOpen(f.source(), f.owner(), clock.instant()), p.topReferences(f, 10),
                p.referralTrees(f, null, TREES_ON_PAGE));
    }

    /** Reference requests by stage and the revenue they influenced per quarter (empty without the request feature). */
    public RequestFigures.Requests requests(DashboardFilter f) {
        RequestFigures r = requests.getIfAvailable();
        return r == null ? new RequestFigures.Requests(java.util.Map.of(), List.of())
                : new RequestFigures.Requests(r.byStage(f), r.influenceByQuarter(f));
    }

    public Nps nps(DashboardFilter f) {
        return NpsByDay.total(npsDays(f));
    }

    public List<NpsWeek> npsByWeek(DashboardFilter f) {
        return NpsByDay.weeks(npsDays(f));
    }

    public Funnel funnel(DashboardFilter f) {
        return funnel(f, followUpDays(f), program());
    }

    public Sla sla(DashboardFilter f) {
        return followUpDays(f).sla();
    }

    public TimeToImpact timeToImpact(DashboardFilter f) {
        return followUpDays(f).timeToImpact();
    }

    /** Open and overdue follow-ups per owner, now; the period does not apply, owner and source do. */
    public List<OwnerLoad> owners(DashboardFilter f, int limit) {
        return keptOwners.owners(f.source(), f.owner(), clock.instant(), limit);
    }

    /** Owners of imported accounts, for the filter and the playground's user picker. */
    public List<String> ownerEmails() {
        return accountListing.ownerEmails();
    }

    public List<String> sources() {
        return mongo.findDistinct(new Query(), "source", Feedback.class, String.class).stream().sorted().toList();
    }

    /** The filter's answers per day: past days from the kept counts, an owner's from the answers themselves. */
    private List<NpsByDay.DayCount> npsDays(DashboardFilter f) {
        List<Document> days = f.owner() == null ? npsDays.days(f.from(), f.to(), clock.instant())
                : List.copyOf(new NpsDayFigure(mongo).count(f.from(), f.to(), clock.instant(), accountsOwnedBy(f.owner())).values());
        return NpsDayFigure.fold(days, f.source());
    }

    /** The filter's follow-up figures, added up from its days as {@link #npsDays} does. */
    private FollowUpDayFolds followUpDays(DashboardFilter f) {
        List<Document> days = f.owner() == null ? followUpDays.days(f.from(), f.to(), clock.instant())
                : List.copyOf(new FollowUpDayFigure(mongo).count(f.from(), f.to(), clock.instant(), accountsOwnedBy(f.owner())).values());
        return FollowUpDayFolds.of(days, f.source());
    }

    private Set<String> accountsOwnedBy(String owner) {
        return accounts.ownedBy(owner).stream().map(Account::id).collect(Collectors.toSet());
    }

    static List<NpsWeek> npsByWeek(List<Feedback> answers) {
        return NpsByDay.weeks(NpsByDay.of(answers));
    }

    static Integer score(long promoters, long detractors, long total) {
        return total == 0 ? null : (int) Math.round(100.0 * (promoters - detractors) / total);
    }

    private Funnel funnel(DashboardFilter f, FollowUpDayFolds period, ProgramFigures p) {
        return new Funnel(period.promoters(), period.acted(), p.consents(f), p.referencesUsed(f), p.testimonials(f), p.referrals(f));
    }
}
