package com.referralloop.referral;

import static com.referralloop.command.CommandArgs.required;

import com.referralloop.account.Contact;
import com.referralloop.command.CommandException;
import com.referralloop.command.CommandHandler;
import com.referralloop.command.ChatReply;
import com.referralloop.command.SimpleHandler;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The {@code /referral consent} and {@code /referral withdraw} sub-commands. */
@Configuration(proxyBeanMethods = false)
class ReferralCommands {

    @Bean
    CommandHandler referralConsent(ConsentService consents, ContactResolver resolver) {
        return new SimpleHandler("referral", "consent",
                "/referral consent <contact> level=<" + ConsentLevel.words() + "> [scope=logo,quote,case-study,call,review-site] [expires=2027-06-30] [evidence=<link or text>]",
                "record what a contact agreed to (a new ledger entry; the latest one counts)", (args, user) -> {
            args.allowOnly("level", "scope", "expires", "evidence");
            args.atMost(1);
            Contact c = resolver.contact(required(args.positional(0), "the contact (email or chat mention)"));
            ConsentLevel level = ConsentLevel.parse(args.option("level"));
            Consent saved = consents.record(user, c, level, consents.parseScope(args.option("scope")),
                    ConsentService.parseDate(args.option("expires"), "expires="), args.option("evidence"));
            return ChatReply.ephemeral("Recorded consent for " + c.email() + ": " + saved.describe()
                    + (saved.evidence() == null ? " (no evidence given; add evidence=<link> next time)" : "") + ".");
        });
    }

    @Bean
    CommandHandler referralWithdraw(ConsentService consents, ContactResolver resolver) {
        return new SimpleHandler("referral", "withdraw", "/referral withdraw <contact> [reason=...]",
                "withdraw a contact's consent; it counts as none everywhere at once", (args, user) -> {
            args.allowOnly("reason");
            args.atMost(1);
            Contact c = resolver.contact(required(args.positional(0), "the contact (email or chat mention)"));
            consents.withdraw(user, c, args.option("reason"));
            return ChatReply.ephemeral("Withdrew consent for " + c.email()
                    + ". They will not be offered in searches, asked, or quoted until new consent is recorded.");
        });
    }

}
