package com.referralloop.web;

import com.referralloop.account.Account;
import com.referralloop.account.AccountService;
import com.referralloop.feedback.Feedback;
import com.referralloop.feedback.NpsCategory;
import com.referralloop.followup.FollowUp;
import com.referralloop.followup.FollowUpEvent;
import com.referralloop.followup.FollowUpKind;
import com.referralloop.followup.FollowUpOutcome;
import com.referralloop.followup.FollowUpState;
import com.referralloop.web.DashboardFigures.All;
import com.referralloop.web.DashboardFigures.Funnel;
import com.referralloop.web.DashboardFigures.Nps;
import com.referralloop.web.DashboardFigures.NpsWeek;
import com.referralloop.web.DashboardFigures.OwnerLoad;
import com.referralloop.web.DashboardFigures.Sla;
import com.referralloop.web.DashboardFigures.TimeToImpact;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

/**
 * Computes the dashboard figures from {@code feedback} and {@code followups}, in memory over a bounded read
 * (at most {@code referral.web.max-rows} documents each). That keeps one code path for the embedded store and
 * a real MongoDB, and the numbers are easy to check; a deployment with millions of answers would move the
 * grouping into aggregation pipelines.
 */
@Service
public class DashboardService {

    private static final Set<FollowUpOutcome> IMPACT = EnumSet.of(FollowUpOutcome.REFERRAL_ASKED,
            FollowUpOutcome.CONSENT_RECORDED, FollowUpOutcome.TESTIMONIAL_REQUESTED, FollowUpOutcome.RESOLVED);

    private final MongoTemplate mongo;
    private final AccountService accounts;
    private final ObjectProvider<ProgramFigures> program;
    private final WebProperties props;
    private final Clock clock;

    DashboardService(MongoTemplate mongo, AccountService accounts, ObjectProvider<ProgramFigures> program,
                     WebProperties props, Clock clock) {
        this.mongo = mongo;
        this.accounts = accounts;
        this.program = program;
        this.props = props;
        this.clock = clock;
    }

    public DashboardFilter filter(String period, String owner, String source) {
        return DashboardFilter.of(period, owner, source, clock.instant());
    }

    public ProgramFigures program() {
        return program.getIfAvailable(NoProgramFigures::new);
    }

    public All all(DashboardFilter f) {
        List<FollowUp> followUps = followUpsOf(answers(f));
        ProgramFigures p = program();
        List<NpsByDay.DayCount> days = NpsByDay.count(mongo, answerCriteria(f));
        return new All(f, NpsByDay.total(days), NpsByDay.weeks(days), funnel(f, followUps, p), sla(followUps),
                timeToImpact(followUps), owners(f), p.topReferences(f, 10), p.referralTrees(f));
    }

    public Nps nps(DashboardFilter f) {
        return NpsByDay.total(NpsByDay.count(mongo, answerCriteria(f)));
    }

    public List<NpsWeek> npsByWeek(DashboardFilter f) {
        return NpsByDay.weeks(NpsByDay.count(mongo, answerCriteria(f)));
    }

    public Funnel funnel(DashboardFilter f) {
        return funnel(f, followUpsOf(answers(f)), program());
    }

    public Sla sla(DashboardFilter f) {
        return sla(followUpsOf(answers(f)));
    }

    public TimeToImpact timeToImpact(DashboardFilter f) {
        return timeToImpact(followUpsOf(answers(f)));
    }

    /** Owners of imported accounts, for the filter and the playground's user picker. */
    public List<String> ownerEmails() {
        return accounts.all().stream().map(a -> a.owner() == null ? null : a.owner().email())
                .filter(e -> e != null && !e.isBlank()).map(String::trim)
                .collect(Collectors.toCollection(TreeSet::new)).stream().toList();
    }

    public List<String> sources() {
        return mongo.findDistinct(new Query(), "source", Feedback.class, String.class).stream().sorted().toList();
    }

    List<Feedback> answers(DashboardFilter f) {
        Query q = Query.query(answerCriteria(f)).limit(props.maxRows());
        q.fields().exclude("raw").exclude("comment");
        return mongo.find(q, Feedback.class);
    }

    /** The filter's answers: given (or, without a respondedAt, received) in the period, with a score. */
    private Criteria answerCriteria(DashboardFilter f) {
        List<Criteria> parts = new ArrayList<>();
        parts.add(new Criteria().orOperator(
                Criteria.where("respondedAt").gte(f.from()).lt(f.to()),
                Criteria.where("respondedAt").is(null).and("receivedAt").gte(f.from()).lt(f.to())));
        if (f.source() != null) {
            parts.add(Criteria.where("source").is(f.source()));
        }
        parts.add(Criteria.where("score").ne(null));
        if (f.owner() != null) {
            parts.add(Criteria.where("accountId").in(accountsOwnedBy(f.owner())));
        }
        return new Criteria().andOperator(parts);
    }

    private Set<String> accountsOwnedBy(String owner) {
        return accounts.ownedBy(owner).stream().map(Account::id).collect(Collectors.toSet());
    }

    private List<FollowUp> followUpsOf(List<Feedback> answers) {
        if (answers.isEmpty()) {
            return List.of();
        }
        List<String> ids = answers.stream().map(Feedback::id).toList();
        List<FollowUp> result = new ArrayList<>();
        for (int i = 0; i < ids.size(); i += 1000) {
            result.addAll(mongo.find(Query.query(Criteria.where("feedbackId").in(ids.subList(i, Math.min(ids.size(), i + 1000)))),
                    FollowUp.class));
        }
        return result;
    }

    static Integer score(long promoters, long detractors, long total) {
        return total == 0 ? null : (int) Math.round(100.0 * (promoters - detractors) / total);
    }

    static List<NpsWeek> npsByWeek(List<Feedback> answers) {
        return NpsByDay.weeks(NpsByDay.of(answers));
    }

    private static Funnel funnel(DashboardFilter f, List<FollowUp> followUps, ProgramFigures p) {
        List<FollowUp> promoters = followUps.stream().filter(x -> x.kind() == FollowUpKind.PROMOTER).toList();
        long acted = promoters.stream().filter(x -> firstHumanAction(x).isPresent()).count();
        return new Funnel(promoters.size(), acted, p.consents(f), p.referencesUsed(f), p.testimonials(f), p.referrals(f));
    }

    Sla sla(List<FollowUp> followUps) {
        Instant now = clock.instant();
        long onTime = 0;
        long late = 0;
        long overdue = 0;
        long pending = 0;
        for (FollowUp x : followUps) {
            Optional<Instant> acted = firstHumanAction(x).map(FollowUpEvent::at);
            if (acted.isPresent()) {
                if (x.dueAt() == null || !acted.get().isAfter(x.dueAt())) {
                    onTime++;
                } else {
                    late++;
                }
            } else if (x.state() != FollowUpState.CLOSED && x.dueAt() != null && now.isAfter(x.dueAt())) {
                overdue++;
            } else {
                pending++;
            }
        }
        long judged = onTime + late + overdue;
        return new Sla(onTime, late, overdue, pending, judged == 0 ? null : (int) Math.round(100.0 * onTime / judged));
    }

    static TimeToImpact timeToImpact(List<FollowUp> followUps) {
        List<Double> hours = new ArrayList<>();
        for (FollowUp x : followUps) {
            if (x.state() != FollowUpState.CLOSED || !IMPACT.contains(x.outcome()) || x.createdAt() == null) {
                continue;
            }
            x.events().stream().filter(e -> e.to() == FollowUpState.CLOSED && "TRANSITION".equals(e.type()))
                    .map(FollowUpEvent::at).min(Comparator.naturalOrder())
                    .ifPresent(at -> hours.add(Duration.between(x.createdAt(), at).toSeconds() / 3600.0));
        }
        if (hours.isEmpty()) {
            return new TimeToImpact(0, null, null, null);
        }
        hours.sort(Comparator.naturalOrder());
        double avg = hours.stream().mapToDouble(Double::doubleValue).average().orElse(0);
        return new TimeToImpact(hours.size(), round(percentile(hours, 0.5)), round(percentile(hours, 0.9)), round(avg));
    }

    private static double percentile(List<Double> sorted, double p) {
        int i = (int) Math.ceil(p * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i)));
    }

    private static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }

    /** The first time a person (not the scheduler) moved the follow-up: that is when it was acted on. */
    static Optional<FollowUpEvent> firstHumanAction(FollowUp x) {
        Predicate<FollowUpEvent> human = e -> "TRANSITION".equals(e.type()) && !"system".equals(e.by())
                && !"Referral Loop".equals(e.by()) && e.to() != FollowUpState.OPEN;
        return x.events().stream().filter(human).min(Comparator.comparing(FollowUpEvent::at));
    }

    /** Open and overdue follow-ups per owner, now; the period does not apply, owner and source do. */
    public List<OwnerLoad> owners(DashboardFilter f) {
        Criteria c = Criteria.where("state").ne(FollowUpState.CLOSED);
        if (f.source() != null) {
            c = c.and("source").is(f.source());
        }
        Query q = Query.query(c).limit(props.maxRows());
        q.fields().include("ownerEmail").include("dueAt").include("state").include("score").include("escalationLevel");
        Instant now = clock.instant();
        Map<String, long[]> byOwner = new TreeMap<>();
        for (FollowUp x : mongo.find(q, FollowUp.class)) {
            String owner = x.ownerEmail() == null ? "unassigned" : x.ownerEmail().toLowerCase();
            if (f.owner() != null && !owner.equalsIgnoreCase(f.owner())) {
                continue;
            }
            long[] n = byOwner.computeIfAbsent(owner, k -> new long[2]);
            n[0]++;
            if (x.dueAt() != null && now.isAfter(x.dueAt())) {
                n[1]++;
            }
        }
        return byOwner.entrySet().stream().map(e -> new OwnerLoad(e.getKey(), e.getValue()[0], e.getValue()[1]))
                .sorted(Comparator.comparingLong(OwnerLoad::overdue).thenComparingLong(OwnerLoad::open).reversed()
                        .thenComparing(OwnerLoad::owner))
                .toList();
    }
}
