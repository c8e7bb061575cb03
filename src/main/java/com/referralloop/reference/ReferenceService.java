package com.referralloop.reference;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import com.referralloop.account.Account;
import com.referralloop.account.AccountService;
import com.referralloop.account.Contact;
import com.referralloop.audit.AuditLog;
import com.referralloop.chat.ChatUser;
import com.referralloop.referral.AccountRating;
import com.referralloop.referral.AskService;
import com.referralloop.referral.Consent;
import com.referralloop.referral.ConsentLevel;
import com.referralloop.referral.ConsentService;
import com.referralloop.referral.Fatigue;
import com.referralloop.referral.Permissions;
import com.referralloop.referral.ProgramProperties;
import com.referralloop.referral.RatingGrade;
import com.referralloop.referral.RatingService;
import com.referralloop.referral.ShortIds;
import com.referralloop.support.InvalidInputException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

/**
 * Reference projects and the search over them: which contacts may be offered to a prospect now,
 * best first, and why the others were left out.
 */
@Service
public class ReferenceService {

    /** Why a contact of a fitting project is left out; the first that applies is counted. */
    public static final String RATED_D = "account rated D";
    public static final String NO_LIVE_CONSENT = "no live consent";
    public static final String NO_CALLS = "consent does not cover calls";
    public static final String OVER_ASK_LIMIT = "over the ask limit";

    /** What a search looks for; null means any. */
    public record Criteria(String strength, String industry, String product) {
    }

    /** The distinct strengths of valid projects, alphabetical: the first {@code shown}, and how many more exist. */
    public record StrengthsOnRecord(List<String> shown, int more) {
    }

    /** A contact that may be offered, with the project that makes them fit. */
    public record Match(Contact contact, Account account, ReferenceProject project, RatingGrade grade, Consent consent,
                        long asksThisQuarter) {
    }

    /** Matches best first, and how many fitting contacts were left out for which reason. */
    /**
     * @param projects   fitting projects read (at most {@link #PROJECTS_READ})
     * @param truncated  whether more projects fit than were read: the search covered the newest only
     */
    public record Result(List<Match> matches, Map<String, Integer> leftOut, int projects, boolean truncated) {

        public int leftOutCount() {
            return leftOut.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    /** Fitting projects one search reads, newest first; the answer says when more fit. */
    public static final int PROJECTS_READ = 100;

    private final MongoTemplate mongo;
    private final Clock clock;
    private final ProgramProperties props;
    private final Permissions permissions;
    private final AccountService accounts;
    private final ConsentService consents;
    private final RatingService ratings;
    private final AskService asks;
    private final ApplicationEventPublisher events;

    ReferenceService(MongoTemplate mongo, Clock clock, ProgramProperties props, Permissions permissions,
                     AccountService accounts, ConsentService consents, RatingService ratings, AskService asks,
                     ApplicationEventPublisher events) {
        this.mongo = mongo;
        this.clock = clock;
        this.props = props;
        this.permissions = permissions;
        this.accounts = accounts;
        this.consents = consents;
        this.ratings = ratings;
        this.asks = asks;
        this.events = events;
    }

    public ReferenceProject add(ChatUser by, Account account, String title, List<String> strengths, String industry,
                                String product, LocalDate validUntil) {
        permissions.requireOwnerOrAdmin(by, account, "add reference projects for it");
        if (title == null || title.isBlank()) {
            throw new InvalidInputException("missing the project title, in double quotes");
        }
        if (strengths.isEmpty()) {
            throw new InvalidInputException("missing strengths=<s1,s2>; e.g. " + String.join(",", props.strengths()));
        }
        if (validUntil != null && validUntil.isBefore(today())) {
            throw new InvalidInputException("valid-until=" + validUntil + " is in the past");
        }
        ReferenceProject p = new ReferenceProject(ShortIds.next('P'), account.id(), title.trim(), strengths,
                norm(industry), norm(product), validUntil, AuditLog.who(by), clock.instant());
        ReferenceProject inserted = mongo.insert(p);
        events.publishEvent(new ReferenceProjectSaved(inserted, inserted.createdAt()));
        return inserted;
    }

    /** Strengths not in the configured list are kept as free ones; the caller may say so. */
    public List<String> freeStrengths(List<String> strengths) {
        return strengths.stream().filter(s -> !props.strengths().contains(s)).toList();
    }

    public static List<String> parseStrengths(String raw) {
        List<String> out = new ArrayList<>();
        if (raw != null) {
            for (String p : raw.split("[,;]+")) {
                String s = p.trim().toLowerCase(Locale.ROOT).replaceAll("\\s+", "-");
                if (!s.isEmpty() && !out.contains(s)) {
                    out.add(s);
                }
            }
        }
        return out;
    }

    public List<ReferenceProject> projectsOf(String accountId) {
        return mongo.find(Query.query(where("accountId").is(accountId))
                .with(Sort.by(Sort.Order.desc("createdAt"))), ReferenceProject.class);
    }

    /**
     * Fitting projects, then their accounts, ratings, contacts, consents and this quarter's asks, each in one
     * {@code $in} query: six reads whatever the number of projects, instead of a few per contact.
     */
    public Result find(ChatUser by, Criteria c) {
        permissions.requireMember(by, "search for references");
        LocalDate today = today();
        // the filters run in MongoDB; validOn stays as the exact rule (the store's date comparison is by instant)
        // newest first and bounded: each project brings its account's contacts, consents and asks, so an
        // unbounded read would grow with every project recorded (Slack gives the command 3 seconds)
        List<ReferenceProject> read = mongo.find(projectQuery(c).limit(PROJECTS_READ + 1), ReferenceProject.class);
        boolean truncated = read.size() > PROJECTS_READ;
        List<ReferenceProject> fitting = read.stream().limit(PROJECTS_READ).filter(p -> p.validOn(today)).toList();
        List<String> accountIds = fitting.stream().map(ReferenceProject::accountId).distinct().toList();
        Map<String, Account> accountsById = accounts.findAll(accountIds);
        Map<String, AccountRating> ratingsById = ratings.findAll(accountIds);
        Map<String, List<Contact>> contactsByAccount = accounts.contactsOfAll(accountsById.keySet());
        List<String> contactIds = contactsByAccount.values().stream().flatMap(List::stream).map(Contact::id).toList();
        Map<String, Consent> live = consents.liveAll(contactIds);
        Map<String, List<Instant>> recentAsks = asks.recentAsksAll(
                contactIds.stream().filter(live::containsKey).toList());
        Instant now = clock.instant();
        Map<String, Match> best = new LinkedHashMap<>();
        Map<String, String> excluded = new LinkedHashMap<>();
        for (ReferenceProject p : fitting) {
            Account account = accountsById.get(p.accountId());
            if (account == null) {
                continue;
            }
            var rating = ratingsById.get(p.accountId());
            RatingGrade grade = rating == null ? null : rating.grade();
            for (Contact contact : contactsByAccount.getOrDefault(p.accountId(), List.of())) {
                if (best.containsKey(contact.id())) {
                    continue;
                }
                Consent consent = live.get(contact.id());
                List<Instant> asked = recentAsks.getOrDefault(contact.id(), List.of());
                String why = exclusion(grade, consent, asked, now);
                if (why != null) {
                    excluded.putIfAbsent(contact.id(), why);
                    continue;
                }
                excluded.remove(contact.id());
                best.put(contact.id(), new Match(contact, account, p, grade, consent,
                        Fatigue.asksThisQuarter(asked, now)));
            }
        }
        List<Match> sorted = best.values().stream()
                .sorted(Comparator.comparingInt((Match m) -> RatingGrade.searchRank(m.grade()))
                        .thenComparing((Match m) -> m.project().createdAt(), Comparator.reverseOrder()))
                .toList();
        Map<String, Integer> leftOut = new TreeMap<>();
        excluded.values().forEach(w -> leftOut.merge(w, 1, Integer::sum));
        return new Result(sorted, leftOut, fitting.size(), truncated);
    }

    /**
     * What an empty search may try instead. Distinct runs in MongoDB over {@code projects_valid_strengths}; the
     * strengths are a vocabulary (configured words plus a few free ones), so reading them all and keeping the
     * first {@code cap} is cheap. Unlike {@link #find}, no day of margin and no exact check after: a distinct cannot
     * be filtered afterwards, and the stored date and {@code today} go through the same conversion.
     */
    public StrengthsOnRecord strengthsOnRecord(int cap) {
        Query valid = Query.query(new org.springframework.data.mongodb.core.query.Criteria().orOperator(
                where("validUntil").is(null), where("validUntil").gte(today())));
        List<String> all = mongo.findDistinct(valid, "strengths", ReferenceProject.class, String.class).stream()
                .sorted().toList();
        return new StrengthsOnRecord(all.subList(0, Math.min(cap, all.size())), Math.max(0, all.size() - cap));
    }

    private Query projectQuery(Criteria c) {
        List<org.springframework.data.mongodb.core.query.Criteria> all = new ArrayList<>();
        all.add(new org.springframework.data.mongodb.core.query.Criteria().orOperator(where("validUntil").is(null),
                where("validUntil").gte(today().minusDays(1))));
        if (c.strength() != null) {
            all.add(where("strengths").is(c.strength().trim().toLowerCase(Locale.ROOT)));
        }
        if (c.industry() != null) {
            all.add(equalsIgnoringCase("industry", c.industry()));
        }
        if (c.product() != null) {
            all.add(equalsIgnoringCase("product", c.product()));
        }
        return Query.query(new org.springframework.data.mongodb.core.query.Criteria().andOperator(all))
                .with(Sort.by(Sort.Order.desc("createdAt")));
    }

    private static org.springframework.data.mongodb.core.query.Criteria equalsIgnoringCase(String field, String value) {
        return where(field).regex("^" + java.util.regex.Pattern.quote(value.trim()) + "$", "i");
    }

    /** Why a contact of a fitting project may not be offered now, or null when they may. */
    private String exclusion(RatingGrade grade, Consent live, List<Instant> asked, Instant now) {
        if (grade == RatingGrade.D) {
            return RATED_D;
        }
        if (live == null) {
            return NO_LIVE_CONSENT;
        }
        if (!live.level().atLeast(ConsentLevel.ACTIVE) || !live.covers("call")) {
            return NO_CALLS;
        }
        if (Fatigue.overLimit(asked, now, asks.limit())) {
            return OVER_ASK_LIMIT;
        }
        return null;
    }

    private LocalDate today() {
        return LocalDate.now(clock.withZone(ZoneOffset.UTC));
    }

    private static String norm(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
