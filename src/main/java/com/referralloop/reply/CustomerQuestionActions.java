package com.referralloop.reply;

import com.referralloop.account.AccountService;
import com.referralloop.account.Contact;
import com.referralloop.command.ActionHandler;
import com.referralloop.command.ActionInvocation;
import com.referralloop.command.ChatReply;
import com.referralloop.command.CommandHandler;
import com.referralloop.command.CommandException;
import com.referralloop.command.SimpleHandler;
import com.referralloop.followup.FollowUp;
import com.referralloop.followup.FollowUpService;
import java.util.Set;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The customer question's entry points: {@code /followup ask-customer <id>}, its button, and the customer's answer buttons. */
@Configuration(proxyBeanMethods = false)
class CustomerQuestionActions {

    @Bean
    CommandHandler followUpAskCustomer(CustomerQuestion question) {
        return new SimpleHandler("followup", "ask-customer", "/followup ask-customer <id>",
                "thank a promoter on their preferred channel and ask whether they would share their experience with a peer",
                (args, user) -> {
                    args.allowOnly();
                    args.atMost(1);
                    String id = args.positional(0);
                    if (id == null) {
                        throw new CommandException("missing the follow-up id (e.g. FABC2345)");
                    }
                    return ChatReply.ephemeral(describe(question.ask(id, user)));
                });
    }

    @Bean
    ActionHandler customerQuestionButtons(CustomerQuestion question, FollowUpService followUps, AccountService accounts) {
        return new ActionHandler() {
            private final Set<String> mine = Set.of(CustomerQuestion.ASK, CustomerQuestion.YES, CustomerQuestion.LATER,
                    CustomerQuestion.NO);

            @Override
            public boolean handles(String actionId) {
                return mine.contains(actionId);
            }

            @Override
            public ChatReply handle(ActionInvocation a) {
                if (CustomerQuestion.ASK.equals(a.actionId())) {
                    return ChatReply.ephemeral(describe(question.ask(a.value(), a.user())));
                }
                FollowUp f = followUps.get(a.value());
                Contact contact = accounts.contactByEmail(f.contactId() != null ? f.contactId() : f.respondentEmail())
                        .orElse(null);
                if (contact == null || !CustomerQuestion.isContact(a.user(), contact)) {
                    return ChatReply.error("This question was for the customer; only they can answer it.");
                }
                CustomerQuestion.Answer answer = switch (a.actionId()) {
                    case CustomerQuestion.YES -> CustomerQuestion.Answer.YES;
                    case CustomerQuestion.LATER -> CustomerQuestion.Answer.LATER;
                    default -> CustomerQuestion.Answer.NO;
                };
                question.answer(f.id(), answer, a.user().platform(), contact.email(), null);
                return ChatReply.ephemeral(switch (answer) {
                    case YES -> "Thank you! Your account manager will be in touch before anyone contacts you.";
                    case LATER -> "Thank you — we will not ask again for a while.";
                    case NO -> "Understood, thank you for your feedback.";
                });
            }
        };
    }

    static String describe(CustomerQuestion.Asked asked) {
        String via = asked.viaLog()
                ? asked.target().destination() + " — no sender for that platform is configured here, so it went to the log"
                : asked.target().platform().name().toLowerCase() + " " + asked.target().destination();
        return "Asked " + asked.contact().email() + " whether they would share their experience with a peer (follow-up "
                + asked.followUp().id() + ", via " + via + "). Their answer will show on the follow-up.";
    }
}
