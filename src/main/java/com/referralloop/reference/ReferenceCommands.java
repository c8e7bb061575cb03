package com.referralloop.reference;

import static com.referralloop.command.CommandArgs.required;

import com.referralloop.account.Account;
import com.referralloop.command.ChatReply;
import com.referralloop.command.CommandException;
import com.referralloop.command.CommandHandler;
import com.referralloop.command.SimpleHandler;
import com.referralloop.referral.ConsentService;
import com.referralloop.referral.ContactResolver;
import com.referralloop.referral.Permissions;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The {@code /reference project add|list} sub-commands ({@code /reference find} lives with the requests it leads to). */
@Configuration(proxyBeanMethods = false)
class ReferenceCommands {

    @Bean
    CommandHandler referenceProjectAdd(ReferenceService service, ContactResolver resolver) {
        return new SimpleHandler("reference", "project add",
                "/reference project add <account> \"<title>\" strengths=<s1,s2> [industry=...] [product=...] [valid-until=2027-12-31]",
                "record a customer project that proves strengths", (args, user) -> {
            args.allowOnly("strengths", "strength", "industry", "product", "valid-until");
            args.atMost(2);
            Account a = resolver.account(required(args.positional(0), "the account (CRM id or name)"));
            String raw = args.option("strengths") != null ? args.option("strengths") : args.option("strength");
            List<String> strengths = ReferenceService.parseStrengths(raw);
            ReferenceProject p = service.add(user, a, required(args.positional(1), "the project title, in double quotes"),
                    strengths, args.option("industry"), args.option("product"),
                    ConsentService.parseDate(args.option("valid-until"), "valid-until="));
            List<String> free = service.freeStrengths(strengths);
            return ChatReply.ephemeral("Added reference project " + p.id() + " for " + a.name() + ": " + p.title()
                    + " (" + String.join(", ", p.strengths()) + ")"
                    + (p.validUntil() == null ? "" : ", valid until " + p.validUntil())
                    + (free.isEmpty() ? "" : ". Free strengths (not in the list): " + String.join(", ", free)) + ".");
        });
    }

    @Bean
    CommandHandler referenceProjectList(ReferenceService service, ContactResolver resolver, Permissions permissions) {
        return new SimpleHandler("reference", "project list", "/reference project list <account>",
                "an account's reference projects", (args, user) -> {
            args.allowOnly();
            args.atMost(1);
            permissions.requireRep(user, "see reference projects");
            Account a = resolver.account(required(args.positional(0), "the account (CRM id or name)"));
            List<ReferenceProject> ps = service.projectsOf(a.id());
            if (ps.isEmpty()) {
                return ChatReply.ephemeral(a.name() + " has no reference projects.");
            }
            StringBuilder b = new StringBuilder("Reference projects of " + a.name() + ":\n");
            ps.forEach(p -> b.append("• ").append(p.id()).append(" ").append(p.title()).append(" (")
                    .append(String.join(", ", p.strengths())).append(")")
                    .append(p.validUntil() == null ? "" : " valid until " + p.validUntil()).append('\n'));
            return ChatReply.ephemeral(b.toString().trim());
        });
    }

}
