package com.referralloop.sla;

import com.referralloop.account.Account;
import com.referralloop.account.AccountService;
import com.referralloop.account.Contact;
import com.referralloop.chat.ChatAction;
import com.referralloop.chat.ChatField;
import com.referralloop.chat.ChatMessage;
import com.referralloop.chat.ChatTarget;
import com.referralloop.chat.DeliveryRouter;
import com.referralloop.chat.Recipient;
import com.referralloop.chat.outbox.Outbox;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Yearly review and freshness: prompts the owner when an account's rating and consents are a review
 * period past their last review, and when a consent expires within the renewal window. One prompt per
 * review cycle and per expiry: the dedupe key names the cycle. Reads only what is due: reviews by their
 * indexed {@code nextReviewAt}, in batches; consents by their indexed expiry, leaving out those prompted.
 */
@Component
public class ReviewJob {

    private static final Logger log = LoggerFactory.getLogger(ReviewJob.class);

    /** How many prompts one run queued. */
    public record Run(int reviewPrompts, int renewalPrompts) { }

    /** Due reviews read per query, and queries per run (the rest waits an hour). */
    static final int BATCH = 200;
    static final int MAX_BATCHES = 10;

    private final ObjectProvider<ReviewCandidates> candidates;
    private final ObjectProvider<ExpiringConsents> expiring;
    private final ReviewStore reviews;
    private final AccountService accounts;
    private final DeliveryRouter router;
    private final Outbox outbox;
    private final SlaProperties props;
    private final Clock clock;

    ReviewJob(ObjectProvider<ReviewCandidates> candidates, ObjectProvider<ExpiringConsents> expiring, ReviewStore reviews,
              AccountService accounts, DeliveryRouter router, Outbox outbox, SlaProperties props, Clock clock) {
        this.candidates = candidates;
        this.expiring = expiring;
        this.reviews = reviews;
        this.accounts = accounts;
        this.router = router;
        this.outbox = outbox;
        this.props = props;
        this.clock = clock;
    }

    public Run runOnce() {
        Instant now = clock.instant();
        int prompts = 0;
        ReviewCandidates source = candidates.getIfAvailable();
        for (int round = 0; source != null && round < MAX_BATCHES; round++) {
            List<Review> due = reviews.due(now, BATCH);
            prompts += reviewBatch(source, due, now);
            if (due.size() < BATCH) {
                break;
            }
        }
        int renewals = 0;
        ExpiringConsents consents = expiring.getIfAvailable(() -> (from, to) -> List.of());
        for (ExpiringConsents.Expiring e : consents.expiringBetween(now, now.plus(props.consentRenewalWindow()))) {
            try {
                renewals += promptRenewal(e) ? 1 : 0;
                consents.prompted(e.consentId());
            } catch (RuntimeException ex) {
                log.warn("Renewal prompt for consent {} failed, next run retries: {}", e.consentId(), ex.toString());
            }
        }
        return new Run(prompts, renewals);
    }

    /** One batch of due reviews: their standing and accounts in one query each, then a prompt per account still due. */
    private int reviewBatch(ReviewCandidates source, List<Review> due, Instant now) {
        if (due.isEmpty()) {
            return 0;
        }
        List<String> ids = due.stream().map(Review::accountId).toList();
        Map<String, ReviewCandidates.Candidate> onFile = source.candidates(ids);
        Map<String, Account> byId = accounts.findAll(ids);
        int prompts = 0;
        for (Review r : due) {
            try {
                prompts += review(r, onFile.get(r.accountId()), byId.get(r.accountId()), now) ? 1 : 0;
            } catch (RuntimeException e) {
                log.warn("Review prompt for account {} failed, next run retries: {}", r.accountId(), e.toString());
            }
        }
        return prompts;
    }

    /**
     * Prompts for a due review, then clears the schedule: the next is set when someone reviews (still valid, or
     * a change). Nothing on file any more, or the account gone: no review is due. A change the schedule missed
     * moves it on.
     */
    private boolean review(Review due, ReviewCandidates.Candidate c, Account account, Instant now) {
        if (c == null || account == null) {
            reviews.reschedule(due, null);
            return false;
        }
        Review seen = new Review(due.accountId(), due.lastReviewedAt(), due.lastReviewedBy(), List.of(), due.nextReviewAt(),
                latest(due.lastChangedAt(), c.lastChangedAt()));
        Instant last = seen.lastReview();
        if (last != null && now.isBefore(props.reviewDueAfter(last))) {
            reviews.reschedule(due, props.reviewDueAfter(last));
            return false;
        }
        boolean sent = promptReview(c, account, last);
        reviews.reschedule(due, null);
        return sent;
    }

    private static Instant latest(Instant a, Instant b) {
        return a == null ? b : b == null || a.isAfter(b) ? a : b;
    }

    /** Builds the schedule once from the standing already on file (stored before the schedule existed). */
    void buildSchedule(Instant now) {
        ReviewCandidates source = candidates.getIfAvailable();
        if (source == null) {
            return;
        }
        for (ReviewCandidates.Candidate c : source.everyCandidate()) {
            if (c.lastChangedAt() == null) {
                reviews.scheduleFirst(c.accountId(), now);
            } else {
                reviews.changed(c.accountId(), c.lastChangedAt());
            }
        }
    }

    private boolean promptReview(ReviewCandidates.Candidate c, Account account, Instant last) {
        String id = account.id();
        ChatMessage m = new ChatMessage("Yearly reference review: " + account.name(),
                "It is time to check " + account.name() + "'s reference standing"
                        + (last == null ? "" : " (last reviewed " + day(last) + ")")
                        + ". Is it still right?",
                List.of(new ChatField("Account", account.name() + " (" + id + ")"),
                        new ChatField("On file", c.summary() == null ? "-" : c.summary())),
                List.of(new ChatAction(ReviewActions.STILL_VALID, "Still valid", id, ChatAction.Style.PRIMARY),
                        ChatAction.of(ReviewActions.CHANGE, "Change", id),
                        new ChatAction(ReviewActions.WITHDRAW, "Withdraw", id, ChatAction.Style.DANGER)),
                "Review due every " + props.reviewPeriodInWords());
        String cycle = last == null ? "first" : day(last).toString();
        return send("review:" + id + ":" + cycle, owner(account), m, "review:" + id);
    }

    private boolean promptRenewal(ExpiringConsents.Expiring e) {
        Account account = accounts.find(e.accountId()).orElse(null);
        if (account == null) {
            return false;
        }
        String contact = accounts.contactByEmail(e.contactId()).map(Contact::email).orElse(e.contactId());
        ChatMessage m = new ChatMessage("Consent expires " + day(e.expiresAt()) + ": " + contact,
                contact + " (" + account.name() + ") agreed to be a reference at level " + e.level()
                        + (e.scope() == null ? "" : " (" + e.scope() + ")") + " until " + day(e.expiresAt())
                        + ". Ask them to renew, then record it:\n`/referral consent " + contact + " level=" + e.level()
                        + " expires=" + day(props.reviewDueAfter(e.expiresAt())) + " evidence=...`"
                        + "\nIf they decline, let it expire or type `/referral withdraw " + contact + " reason=...`.",
                List.of(), List.of(), "Consent " + e.consentId());
        return send("consent:" + e.consentId() + ":renew:" + day(e.expiresAt()), owner(account), m, "consent:" + e.consentId());
    }

    private boolean send(String key, Recipient to, ChatMessage m, String subject) {
        boolean any = false;
        for (ChatTarget target : router.targetsFor(to)) {
            any |= outbox.enqueue(key + ":" + target.platform(), target, m, subject);
        }
        return any;
    }

    private static Recipient owner(Account a) {
        if (a.owner() == null || a.owner().email() == null) {
            return Recipient.unassigned();
        }
        return Recipient.owner(a.owner().email(), a.owner().slackUserId(), a.owner().discordUserId(), a.id());
    }

    private static LocalDate day(Instant at) {
        return LocalDate.ofInstant(at, ZoneOffset.UTC);
    }
}
