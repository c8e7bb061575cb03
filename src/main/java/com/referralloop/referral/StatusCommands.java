package com.referralloop.referral;

import static com.referralloop.command.CommandArgs.required;

import com.referralloop.account.Account;
import com.referralloop.account.AccountService;
import com.referralloop.account.Contact;
import com.referralloop.command.ChatReply;
import com.referralloop.command.CommandException;
import com.referralloop.command.CommandHandler;
import com.referralloop.command.SimpleHandler;
import java.util.List;
import java.util.Optional;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The {@code /referral status}, {@code log} and {@code update} sub-commands. */
@Configuration(proxyBeanMethods = false)
class StatusCommands {

    @Bean
    CommandHandler referralStatus(ContactResolver resolver, ConsentService consents, RatingService ratings,
                                  AskService asks, ReferralService referrals, AccountService accounts, Permissions permissions,
                                  List<ReferenceInfluence> influence) {
        return new SimpleHandler("referral", "status", "/referral status <contact|account>",
                "a contact's consent, asks and referral tree, or an account's rating, contacts and referrals", (args, user) -> {
            args.allowOnly();
            args.atMost(1);
            String who = required(args.positional(0), "the contact (email or mention) or the account (CRM id or name)");
            permissions.requireRep(user, "see the referral status of customers");
            Optional<Contact> contact = resolver.find(who);
            if (contact.isPresent()) {
                Contact c = contact.get();
                StringBuilder b = new StringBuilder("*" + (c.name() == null ? c.email() : c.name() + " <" + c.email() + ">") + "*\n");
                b.append("Consent: ").append(consents.describe(c.id())).append('\n');
                b.append("Asks this quarter: ").append(asks.asksThisQuarter(c.id())).append(" of ").append(asks.limit()).append('\n');
                b.append("Referrals: ").append(referrals.summary(c.id()).describe()).append('\n');
                influence.forEach(i -> i.ofContact(c.id()).ifPresent(line -> b.append("Reference requests: ").append(line).append('\n')));
                b.append("Account rating: ").append(ratings.describe(c.accountId()));
                return ChatReply.ephemeral(b.toString());
            }
            Account a = resolver.findAccount(who).orElseThrow(() -> new CommandException("no contact or account '" + who
                    + "' is known; name a contact by email or mention, or an account by CRM id or name"));
            StringBuilder b = new StringBuilder("*" + a.name() + "* (" + a.id() + ")\n");
            b.append("Rating: ").append(ratings.describe(a.id())).append('\n');
            List<Contact> cs = accounts.contactsOf(a.id());
            for (Contact c : cs) {
                b.append("• ").append(c.email()).append(": consent ").append(consents.describe(c.id()))
                        .append(", referrals ").append(referrals.summary(c.id()).describe()).append('\n');
            }
            b.append("Referrals from the account: ").append(referrals.summaryOfAccount(a.id()).describe());
            influence.forEach(i -> i.ofAccount(a.id()).ifPresent(line -> b.append("\nInfluenced revenue: ").append(line)));
            return ChatReply.ephemeral(b.toString());
        });
    }

    @Bean
    CommandHandler referralLog(ReferralService referrals, ContactResolver resolver) {
        return new SimpleHandler("referral", "log",
                "/referral log <contact> referred=<name or email> [company=...] [parent=<referral-id>] [status=" + ReferralStatus.words() + "] [value=12000]",
                "record a referred person; with parent= it extends that referral's tree by a generation", (args, user) -> {
            args.allowOnly("referred", "company", "parent", "status", "value");
            args.atMost(1);
            Contact c = args.positional(0) == null && args.option("parent") != null ? null
                    : resolver.contact(required(args.positional(0), "the referring contact (email or chat mention)"));
            Referral r = referrals.log(user, c, args.option("parent"), required(args.option("referred"), "referred=<name or email>"),
                    args.option("company"), args.option("status") == null ? null : ReferralStatus.parse(args.option("status")),
                    ReferralService.parseValue(args.option("value")));
            return ChatReply.ephemeral("Logged referral " + r.id() + ": " + r.referrerName() + " referred "
                    + (r.referredName() != null ? r.referredName() : r.referredEmail())
                    + (r.company() == null ? "" : " (" + r.company() + ")") + ", generation " + r.generation()
                    + ", " + r.status().word() + ". Tree: " + referrals.summary(r.rootContactId()).describe() + ".");
        });
    }

    @Bean
    CommandHandler referralUpdate(ReferralService referrals) {
        return new SimpleHandler("referral", "update",
                "/referral update <referral-id> [status=" + ReferralStatus.words() + "] [value=12000]",
                "move a referral on (e.g. to won with its value)", (args, user) -> {
            args.allowOnly("status", "value");
            args.atMost(1);
            String id = required(args.positional(0), "the referral id (e.g. L7KQ2MX)");
            Referral r = referrals.update(user, id,
                    args.option("status") == null ? null : ReferralStatus.parse(args.option("status")),
                    args.option("value") == null ? null : ReferralService.parseValue(args.option("value")));
            return ChatReply.ephemeral("Referral " + r.id() + " is now " + r.status().word()
                    + (r.value() > 0 ? " (value " + r.value() + ")" : "") + ". Tree: "
                    + referrals.summary(r.rootContactId()).describe() + ".");
        });
    }
}
