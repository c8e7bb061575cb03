package com.referralloop.referral;

import static com.referralloop.command.CommandArgs.required;

import com.referralloop.account.Account;
import com.referralloop.account.AccountService;
import com.referralloop.account.Contact;
import com.referralloop.command.Durations;
import java.time.Period;
import java.util.List;
import com.referralloop.command.ChatReply;
import com.referralloop.command.CommandHandler;
import com.referralloop.command.SimpleHandler;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The {@code /referral rate}, {@code ask} and {@code outcome} sub-commands. */
@Configuration(proxyBeanMethods = false)
class AskCommands {

    @Bean
    CommandHandler referralRate(RatingService ratings, ContactResolver resolver) {
        return new SimpleHandler("referral", "rate",
                "/referral rate <account> <" + RatingGrade.codes() + "> [reason=...] [risk=" + RiskFlag.words() + "] [class=friend]",
                "rate an account as a reference (D needs a reason); the next review is set a year ahead", (args, user) -> {
            args.allowOnly("reason", "risk", "risks", "class");
            args.atMost(2);
            Account a = resolver.account(required(args.positional(0), "the account (CRM id or name)"));
            RatingGrade grade = RatingGrade.parse(args.positional(1));
            String risk = args.option("risk") != null ? args.option("risk") : args.option("risks");
            AccountRating r = ratings.rate(user, a, grade, RiskFlag.parseList(risk), args.option("reason"), args.option("class"));
            return ChatReply.ephemeral("Rated " + a.name() + ": " + ratings.line(r) + ".");
        });
    }

    @Bean
    CommandHandler referralAsk(AskService asks, ContactResolver resolver) {
        return new SimpleHandler("referral", "ask",
                "/referral ask <contact> for=<prospect or deal> [note=...] [override=\"reason\"]",
                "record a reference request; refused past the fatigue limit unless overridden with a reason", (args, user) -> {
            args.allowOnly("for", "note", "override");
            args.atMost(1);
            Contact c = resolver.contact(required(args.positional(0), "the contact (email or chat mention)"));
            ReferenceAsk r = asks.ask(user, c, required(args.option("for"), "for=<prospect or deal>"),
                    args.option("note"), args.option("override"));
            return ChatReply.ephemeral("Recorded reference request " + r.id() + ": " + c.email() + " for " + r.forWhat()
                    + " (" + asks.asksThisQuarter(c.id()) + " of " + asks.limit() + " asks this quarter"
                    + (r.override() != null ? ", over the limit: " + r.override() : "") + "). When it ends: /referral outcome "
                    + r.id() + " <" + RequestOutcome.words() + ">");
        });
    }

    @Bean
    CommandHandler referralOutcome(AskService asks) {
        return new SimpleHandler("referral", "outcome",
                "/referral outcome <request-id> <" + RequestOutcome.words() + "> [note=...]",
                "record how a reference request ended", (args, user) -> {
            args.allowOnly("note");
            args.atMost(2);
            String id = required(args.positional(0), "the request id (e.g. R7KQ2MX)");
            RequestOutcome o = RequestOutcome.parse(required(args.positional(1), "the outcome (" + RequestOutcome.words() + ")"));
            ReferenceAsk r = asks.outcome(user, id, o, args.option("note"));
            return ChatReply.ephemeral("Reference request " + r.id() + " (" + r.forWhat() + ", asked "
                    + LocalDate.ofInstant(r.askedAt(), ZoneOffset.UTC) + "): " + o.word() + ".");
        });
    }

    @Bean
    CommandHandler referralReviews(RatingService ratings, AccountService accounts, Permissions permissions) {
        return new SimpleHandler("referral", "reviews", "/referral reviews [within=30d]",
                "account ratings due for their yearly review (or overdue)", (args, user) -> {
            args.allowOnly("within");
            args.atMost(0);
            permissions.requireRep(user, "see rating reviews");
            String within = args.option("within") == null ? "30d" : args.option("within");
            long days = Math.max(0, Durations.parse(within).toDays());
            List<AccountRating> due = ratings.dueForReview(Period.ofDays((int) Math.min(days, 3660)));
            if (due.isEmpty()) {
                return ChatReply.ephemeral("No rating is due for review within " + within + ".");
            }
            StringBuilder b = new StringBuilder("Ratings due for review within " + within + ":\n");
            for (AccountRating r : due) {
                String name = accounts.find(r.accountId()).map(Account::name).orElse(r.accountId());
                b.append("• ").append(name).append(" (").append(r.accountId()).append("): ").append(ratings.line(r)).append('\n');
            }
            return ChatReply.ephemeral(b.toString().trim());
        });
    }
}
