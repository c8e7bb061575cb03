package com.referralloop.request;

import com.referralloop.chat.ChatAction;
import com.referralloop.chat.ChatMessage;
import com.referralloop.chat.ChatUser;
import com.referralloop.command.ChatReply;
import com.referralloop.command.CommandHandler;
import com.referralloop.command.SimpleHandler;
import com.referralloop.reference.ReferenceService;
import com.referralloop.referral.AskService;
import com.referralloop.referral.Fatigue;
import com.referralloop.referral.Permissions;
import com.referralloop.referral.RatingService;
import com.referralloop.referral.RiskFlag;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * {@code /reference find}: any member of the workspace searches; each result carries its handle and a
 * Request button. A rep who does not own the account sees what they need to choose (account, project,
 * strengths, industry, rating, consent, asks left) and never the contact's email before the owner approves.
 */
@Configuration(proxyBeanMethods = false)
class ReferenceSearchCommand {

    /** Buttons per answer: Slack allows 25 per actions block, and more than a handful is not a choice. */
    static final int BUTTONS = 5;
    static final int SHOWN = 10;

    @Bean
    CommandHandler referenceFind(ReferenceService service, RatingService ratings, AskService asks, Permissions permissions,
                                 Clock clock) {
        return new SimpleHandler("reference", "find", "/reference find [strength=...] [industry=...] [product=...]",
                "references with live consent for calls and under the ask limit, best first; request one with its button",
                (args, user) -> {
            args.allowOnly("strength", "industry", "product");
            args.atMost(0);
            var criteria = new ReferenceService.Criteria(args.option("strength"), args.option("industry"), args.option("product"));
            var result = service.find(user, criteria);
            String search = search(criteria);
            StringBuilder b = new StringBuilder();
            List<ChatAction> buttons = new ArrayList<>();
            if (result.matches().isEmpty() && result.projects() == 0) {
                b.append("No valid reference project fits.\n").append(EmptySearchAdvice.noProject(criteria,
                                service.strengthsOnRecord(EmptySearchAdvice.STRENGTHS_SHOWN)));
            } else if (result.matches().isEmpty()) {
                b.append("No contact can be offered now.");
            } else {
                int i = 1;
                for (ReferenceService.Match m : result.matches().subList(0, Math.min(SHOWN, result.matches().size()))) {
                    String handle = ReferenceHandle.of(m.project().id(), m.contact().id()).toString();
                    b.append(i).append(". ").append(who(m, user, permissions)).append(" — ").append(m.account().name())
                            .append(", rating ").append(m.grade() == null ? "none" : m.grade().code())
                            .append(risks(ratings, m.account().id())).append(", project “").append(m.project().title())
                            .append("” (").append(String.join(", ", m.project().strengths())).append(")")
                            .append(m.project().industry() == null ? "" : ", " + m.project().industry())
                            .append(", consent ").append(m.consent().describe()).append(", asked ")
                            .append(m.asksThisQuarter()).append("× this quarter (")
                            .append(Math.max(0, asks.limit() - m.asksThisQuarter())).append(" left) · id ").append(handle)
                            .append('\n');
                    if (i <= BUTTONS) {
                        buttons.add(ChatAction.of(RequestActions.OPEN, "Request #" + i, handle + "||" + search));
                    }
                    i++;
                }
                if (result.matches().size() > SHOWN) {
                    b.append(result.matches().size() - SHOWN).append(" more; narrow the search with strength=, industry= or product=.\n");
                }
                if (result.truncated()) {
                    b.append("Only the ").append(ReferenceService.PROJECTS_READ).append(" newest fitting projects were searched;"
                            + " narrow the search with strength=, industry= or product= to reach older ones.\n");
                }
                b.append("Request one with its button or /reference request <id> for=<prospect>.");
            }
            if (result.leftOutCount() > 0) {
                b.append('\n').append(result.leftOutCount()).append(" left out: ");
                b.append(String.join(", ", result.leftOut().entrySet().stream().map((Map.Entry<String, Integer> e) ->
                        e.getValue() + " " + e.getKey()).toList()));
            }
            if (result.matches().isEmpty() && result.projects() > 0) {
                b.append('\n').append(EmptySearchAdvice.noContact(result.leftOut().keySet(), asks.limit(),
                        LocalDate.ofInstant(Fatigue.nextQuarterStart(clock.instant()), ZoneOffset.UTC)));
            }
            String text = b.toString().trim();
            if (buttons.isEmpty()) {
                return ChatReply.ephemeral(text);
            }
            return ChatReply.message(new ChatMessage("References, best first", text, List.of(), buttons, null), true);
        });
    }

    /** The owner and the admins see the contact's email; everyone else the name only, until the owner approves. */
    private static String who(ReferenceService.Match m, ChatUser user, Permissions permissions) {
        String name = m.contact().name() == null ? "A contact" : m.contact().name();
        if (permissions.owns(user, m.account()) || permissions.isAdmin(user)) {
            return m.contact().name() == null ? m.contact().email() : name + " <" + m.contact().email() + ">";
        }
        return name;
    }

    private static String search(ReferenceService.Criteria c) {
        List<String> parts = new ArrayList<>();
        if (c.strength() != null) {
            parts.add("strength=" + c.strength().trim());
        }
        if (c.industry() != null) {
            parts.add("industry=" + c.industry().trim());
        }
        if (c.product() != null) {
            parts.add("product=" + c.product().trim());
        }
        return String.join(";", parts);
    }

    /** Risk flags are shown, not filtered: the rep decides whether a political or economic risk matters for this prospect. */
    private static String risks(RatingService ratings, String accountId) {
        return ratings.find(accountId).filter(r -> !r.risks().isEmpty())
                .map(r -> " (risks: " + String.join(", ", r.risks().stream().map(RiskFlag::word).toList()) + ")").orElse("");
    }
}
