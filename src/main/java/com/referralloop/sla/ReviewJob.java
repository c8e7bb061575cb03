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
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Yearly review and freshness: prompts the owner when an account's rating and consents are a review
 * period past their last review, and when a consent expires within the renewal window. One prompt per
 * review cycle and per expiry: the dedupe key names the cycle.
 */
@Component
public class ReviewJob {

    private static final Logger log = LoggerFactory.getLogger(ReviewJob.class);

    /** How many prompts one run queued. */
    public record Run(int reviewPrompts, int renewalPrompts) { }

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
        int renewals = 0;
        ReviewCandidates source = candidates.getIfAvailable(() -> List::of);
        for (ReviewCandidates.Candidate c : source.candidates()) {
            try {
                prompts += promptReview(c, now) ? 1 : 0;
            } catch (RuntimeException e) {
                log.warn("Review prompt for account {} failed, next run retries: {}", c.accountId(), e.toString());
            }
        }
        ExpiringConsents consents = expiring.getIfAvailable(() -> (from, to) -> List.of());
        for (ExpiringConsents.Expiring e : consents.expiringBetween(now, now.plus(props.consentRenewalWindow()))) {
            try {
                renewals += promptRenewal(e) ? 1 : 0;
            } catch (RuntimeException ex) {
                log.warn("Renewal prompt for consent {} failed, next run retries: {}", e.consentId(), ex.toString());
            }
        }
        return new Run(prompts, renewals);
    }

    /** The last review is the later of an explicit "still valid" and the last recorded change. */
    Optional<Instant> lastReview(ReviewCandidates.Candidate c) {
        Instant confirmed = reviews.find(c.accountId()).map(Review::lastReviewedAt).orElse(null);
        if (confirmed == null) {
            return Optional.ofNullable(c.lastChangedAt());
        }
        return Optional.of(c.lastChangedAt() == null || confirmed.isAfter(c.lastChangedAt()) ? confirmed : c.lastChangedAt());
    }

    private boolean promptReview(ReviewCandidates.Candidate c, Instant now) {
        Instant last = lastReview(c).orElse(null);
        if (last != null && now.isBefore(props.reviewDueAfter(last))) {
            return false;
        }
        Account account = accounts.find(c.accountId()).orElse(null);
        if (account == null) {
            return false;
        }
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
