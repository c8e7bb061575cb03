package com.referralloop.request;

import com.referralloop.account.Contact;
import com.referralloop.command.ActionHandler;
import com.referralloop.command.ActionInvocation;
import com.referralloop.command.ChatForm;
import com.referralloop.command.ChatForm.Field;
import com.referralloop.command.ChatReply;
import com.referralloop.referral.AskService;
import com.referralloop.reply.CustomerQuestion;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;

/** The request's buttons and forms, on every platform: Request on a search result, the owner's, the customer's, the outcome's. */
@Component
class RequestButtons implements ActionHandler {

    private static final Set<String> MINE = Set.of(RequestActions.OPEN, RequestActions.SUBMIT, RequestActions.APPROVE,
            RequestActions.APPROVE_OVERRIDE, RequestActions.DECLINE, RequestActions.DECLINE_SUBMIT, RequestActions.SUGGEST,
            RequestActions.SUGGEST_SUBMIT, RequestActions.CUSTOMER_YES, RequestActions.CUSTOMER_NO, RequestActions.CALL_HELD,
            RequestActions.NO_SHOW, RequestActions.WON, RequestActions.WON_SUBMIT, RequestActions.LOST);

    private final RequestService requests;
    private final RequestDecisions decisions;
    private final RequestOutcomes outcomes;
    private final RequestStore store;
    private final AskService asks;

    RequestButtons(RequestService requests, RequestDecisions decisions, RequestOutcomes outcomes, RequestStore store,
                   AskService asks) {
        this.requests = requests;
        this.decisions = decisions;
        this.outcomes = outcomes;
        this.store = store;
        this.asks = asks;
    }

    @Override
    public boolean handles(String actionId) {
        return MINE.contains(actionId);
    }

    @Override
    public ChatReply handle(ActionInvocation a) {
        return switch (a.actionId()) {
            case RequestActions.OPEN -> ChatReply.form(requestForm(a.value()));
            case RequestActions.SUBMIT -> submitted(a);
            case RequestActions.APPROVE -> approve(a);
            case RequestActions.APPROVE_OVERRIDE -> ChatReply.ephemeral(RequestCommands.approvedText(
                    decisions.approve(a.user(), a.value(), a.input("override"))));
            case RequestActions.DECLINE -> ChatReply.form(new ChatForm("Decline request " + a.value(), "Decline",
                    RequestActions.DECLINE_SUBMIT, a.value(), List.of(new Field("reason", "Reason (the requester sees it)",
                    ChatForm.Type.MULTILINE, List.of(), false, "e.g. the customer is in a renewal right now"))));
            case RequestActions.DECLINE_SUBMIT -> {
                ReferenceRequest r = decisions.decline(a.user(), a.value(), a.input("reason"));
                yield ChatReply.ephemeral("Declined " + r.id() + "; " + r.requesterName() + " has been told.");
            }
            case RequestActions.SUGGEST -> ChatReply.form(new ChatForm("Suggest another contact", "Suggest",
                    RequestActions.SUGGEST_SUBMIT, a.value(), List.of(new Field("contact", "Contact's email", ChatForm.Type.TEXT,
                    List.of(), true, "another contact of the same account, with live consent"))));
            case RequestActions.SUGGEST_SUBMIT -> {
                ReferenceRequest next = decisions.suggest(a.user(), a.value(), a.input("contact"));
                yield ChatReply.ephemeral("Suggested " + next.contactId() + " instead: request " + next.id()
                        + " waits for your approval (its card is in your messages).");
            }
            case RequestActions.CUSTOMER_YES, RequestActions.CUSTOMER_NO -> customer(a);
            case RequestActions.WON -> ChatReply.form(new ChatForm("Deal won", "Record", RequestActions.WON_SUBMIT, a.value(),
                    List.of(new Field("amount", "Deal value", ChatForm.Type.TEXT, List.of(), false,
                            "e.g. 24000 or 24k; empty: the value given with the request"))));
            case RequestActions.WON_SUBMIT -> outcome(a, "won", a.input("amount"));
            case RequestActions.CALL_HELD -> outcome(a, "call-held", null);
            case RequestActions.NO_SHOW -> outcome(a, "no-show", null);
            default -> outcome(a, "lost", null);
        };
    }

    /** The Request button's value: the handle, then optionally the prospect and the search it came from. */
    private static ChatForm requestForm(String value) {
        String[] parts = value == null ? new String[0] : value.split("\\|", 3);
        String handle = parts.length > 0 ? parts[0] : "";
        return new ChatForm("Request reference " + handle, "Send to the owner", RequestActions.SUBMIT, value, List.of(
                new Field("for", "Prospect", ChatForm.Type.TEXT, List.of(), true, parts.length > 1 && !parts[1].isEmpty() ? parts[1] : "the company"),
                new Field("industry", "Prospect's industry (the customer sees only this)", ChatForm.Type.TEXT, List.of(), false, null),
                new Field("amount", "Deal value (and CRM deal, e.g. 24k D-1234)", ChatForm.Type.TEXT, List.of(), false,
                        "e.g. 24k or 24k D-1234"),
                new Field("need", "Need", ChatForm.Type.SELECT, Arrays.stream(RequestNeed.values()).map(RequestNeed::word).toList(),
                        false, "call"),
                // five fields: a Discord modal holds no more; by= and note= are in the typed command
                new Field("by", "Needed by", ChatForm.Type.DATE, List.of(), false, null)));
    }

    private ChatReply submitted(ActionInvocation a) {
        String[] parts = a.value() == null ? new String[0] : a.value().split("\\|", 3);
        String[] value = a.input("amount") == null ? new String[0] : a.input("amount").split("\\s+", 2);
        ReferenceRequest r = requests.request(a.user(), new RequestDraft(parts.length > 0 ? parts[0] : null, a.input("for"),
                a.input("industry"), false, value.length > 1 ? value[1] : null, value.length > 0 ? value[0] : null,
                a.input("need"), a.input("by"), null, null, parts.length > 2 ? parts[2] : null));
        return ChatReply.ephemeral("Requested " + r.id() + " for " + r.prospect() + " from the owner of " + r.accountName()
                + ". You will hear here at each step.");
    }

    private ChatReply approve(ActionInvocation a) {
        ReferenceRequest r = store.get(a.value());
        if (r.state() == RequestState.REQUESTED && !asks.underLimit(r.contactId())) {
            return ChatReply.form(new ChatForm("Over the ask limit", "Approve anyway", RequestActions.APPROVE_OVERRIDE, r.id(),
                    List.of(new Field("override", "Why this ask cannot wait (recorded)", ChatForm.Type.MULTILINE, List.of(), true,
                            r.override()))));
        }
        return ChatReply.ephemeral(RequestCommands.approvedText(decisions.approve(a.user(), r.id(), null)));
    }

    private ChatReply customer(ActionInvocation a) {
        ReferenceRequest r = store.get(a.value());
        Contact c = decisions.contact(r);
        if (!CustomerQuestion.isContact(a.user(), c)) {
            return ChatReply.error("This question was for the customer; only they can answer it.");
        }
        boolean yes = RequestActions.CUSTOMER_YES.equals(a.actionId());
        decisions.customerAnswer(r.id(), yes, c.email());
        return ChatReply.ephemeral(yes ? "Thank you! The account team will introduce you; nobody else gets your details."
                : "Understood — thank you. Nobody will contact you about it.");
    }

    private ChatReply outcome(ActionInvocation a, String word, String amount) {
        ReferenceRequest r = outcomes.record(a.user(), a.value(), word, amount);
        return ChatReply.ephemeral("Request " + r.id() + ": " + r.state().word()
                + (r.wonAmount() == null ? "" : ", " + Money.format(r.wonAmount()) + " influenced by the reference") + ".");
    }
}
