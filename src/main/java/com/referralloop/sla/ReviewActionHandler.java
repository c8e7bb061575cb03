package com.referralloop.sla;

import com.referralloop.account.Account;
import com.referralloop.account.AccountService;
import com.referralloop.account.Contact;
import com.referralloop.command.ActionHandler;
import com.referralloop.command.ActionInvocation;
import com.referralloop.command.ChatReply;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * The review prompt's buttons. "Still valid" records the review; "Change" and "Withdraw" answer with
 * the exact command to type, because ratings and consents change only through the referral commands.
 */
@Component
class ReviewActionHandler implements ActionHandler {

    private static final Set<String> MINE = Set.of(ReviewActions.STILL_VALID, ReviewActions.CHANGE, ReviewActions.WITHDRAW);

    private final AccountService accounts;
    private final ReviewStore reviews;
    private final SlaProperties props;
    private final Clock clock;
    private final org.springframework.context.ApplicationEventPublisher events;

    ReviewActionHandler(AccountService accounts, ReviewStore reviews, SlaProperties props, Clock clock,
                        org.springframework.context.ApplicationEventPublisher events) {
        this.events = events;
        this.accounts = accounts;
        this.reviews = reviews;
        this.props = props;
        this.clock = clock;
    }

    @Override
    public boolean handles(String actionId) {
        return MINE.contains(actionId);
    }

    @Override
    public ChatReply handle(ActionInvocation a) {
        Account account = accounts.find(a.value()).orElse(null);
        if (account == null) {
            return ChatReply.error("No account with id " + a.value() + "; it may have been removed.");
        }
        List<String> contacts = accounts.contactsOf(account.id()).stream().map(Contact::email).toList();
        String contact = contacts.isEmpty() ? "<contact email>" : contacts.get(0);
        switch (a.actionId()) {
            case ReviewActions.STILL_VALID -> {
                Instant now = clock.instant();
                reviews.recordStillValid(account.id(), a.user().mention(), now);
                events.publishEvent(new ReviewConfirmed(account.id(), a.user().mention(), now));
                return ChatReply.ephemeral("Recorded: " + account.name() + "'s rating and consents are still valid (reviewed "
                        + LocalDate.ofInstant(now, ZoneOffset.UTC) + " by " + a.user().mention() + "). Next review due "
                        + LocalDate.ofInstant(props.reviewDueAfter(now), ZoneOffset.UTC) + ".");
            }
            case ReviewActions.CHANGE -> {
                return ChatReply.ephemeral("To change " + account.name() + "'s reference standing, type:\n"
                        + "• the rating: `/referral rate " + account.id() + " <A|1|B|2|C|D> reason=...`\n"
                        + "• a consent: `/referral consent " + contact + " level=<passive|active|marketing|sales>"
                        + " scope=... expires=YYYY-MM-DD evidence=...`"
                        + (contacts.size() > 1 ? "\nContacts: " + String.join(", ", contacts) : "")
                        + "\nA change counts as this year's review.");
            }
            default -> {
                return ChatReply.ephemeral("To withdraw a consent for " + account.name() + ", type:\n"
                        + "`/referral withdraw " + contact + " reason=...`"
                        + (contacts.size() > 1 ? "\nContacts: " + String.join(", ", contacts) : "")
                        + "\nTo stop offering the account as a reference, rate it D: `/referral rate " + account.id()
                        + " D reason=...`");
            }
        }
    }
}
