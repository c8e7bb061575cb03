package com.referralloop.request;

import com.referralloop.account.AccountService;
import com.referralloop.account.Contact;
import com.referralloop.chat.ChatMessage;
import com.referralloop.reply.CustomerQuestion;
import com.referralloop.reply.ReplyOutcome;
import com.referralloop.reply.TokenReplyTarget;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * A customer's email answer to a reference request's question: a reply that starts with yes or no is their
 * answer (as their button would be); anything else goes to the owner to read and record. Only the request's
 * contact may answer; a second answer finds the request moved and changes nothing.
 */
@Component
class RequestEmailAnswers implements TokenReplyTarget {

    private static final int QUOTE = 500;

    private final RequestStore store;
    private final RequestDecisions decisions;
    private final RequestNotices notices;
    private final AccountService accounts;

    RequestEmailAnswers(RequestStore store, RequestDecisions decisions, RequestNotices notices, AccountService accounts) {
        this.store = store;
        this.decisions = decisions;
        this.notices = notices;
        this.accounts = accounts;
    }

    @Override
    public boolean owns(String id) {
        return store.find(id).isPresent();
    }

    @Override
    public ReplyOutcome reply(String id, String sender, String text) {
        ReferenceRequest r = store.get(id);
        Optional<Contact> contact = accounts.contactByEmail(r.contactId());
        if (contact.isEmpty() || !sender.equalsIgnoreCase(contact.get().email())) {
            return ReplyOutcome.refused("sender is not the contact of reference request " + r.id());
        }
        Optional<CustomerQuestion.Answer> answer = CustomerQuestion.Answer.fromText(text);
        if (answer.isPresent() && answer.get() != CustomerQuestion.Answer.LATER) {
            // only an approved request moves on; any other state (answered already, withdrawn) is a repeat
            try {
                decisions.customerAnswer(r.id(), answer.get() == CustomerQuestion.Answer.YES, "customer by email");
                return ReplyOutcome.attached(r.id());
            } catch (RequestStore.IllegalTransition raced) {
                return ReplyOutcome.duplicate(r.id());
            }
        }
        String quoted = text == null ? "" : text.strip();
        quoted = quoted.length() > QUOTE ? quoted.substring(0, QUOTE) + "…" : quoted;
        store.note(r.id(), "CUSTOMER_REPLIED", "customer by email", quoted, u -> { });
        notices.toOwner(r, "email-reply:" + Integer.toHexString(quoted.hashCode()), ChatMessage.text(RequestMessages.name(
                contact.get()) + " replied by email to reference request " + r.id() + " (" + r.prospect() + "): \""
                + quoted.replaceAll("\\s+", " ") + "\". Record their answer with /reference answer " + r.id() + " yes|no."));
        return ReplyOutcome.attached(r.id());
    }
}
