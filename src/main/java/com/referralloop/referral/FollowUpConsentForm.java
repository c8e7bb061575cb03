package com.referralloop.referral;

import com.referralloop.account.Contact;
import com.referralloop.command.ActionHandler;
import com.referralloop.command.ActionInvocation;
import com.referralloop.command.ChatForm;
import com.referralloop.command.ChatReply;
import com.referralloop.followup.FollowUp;
import com.referralloop.followup.FollowUpActions;
import com.referralloop.followup.FollowUpMessages;
import com.referralloop.followup.FollowUpOutcome;
import com.referralloop.followup.FollowUpService;
import com.referralloop.followup.FollowUpState;
import java.util.Arrays;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The "Record consent" button on a follow-up: opens a form (level, scope, expiry, evidence) and,
 * on submit, records consent for the follow-up's contact and closes the follow-up.
 */
@Component
class FollowUpConsentForm implements ActionHandler {

    static final String SUBMIT = "followup.consent.submit";

    private final FollowUpService followUps;
    private final FollowUpMessages messages;
    private final ConsentService consents;
    private final ContactResolver resolver;
    private final Permissions permissions;
    private final ProgramProperties props;

    FollowUpConsentForm(FollowUpService followUps, FollowUpMessages messages, ConsentService consents,
                        ContactResolver resolver, Permissions permissions, ProgramProperties props) {
        this.followUps = followUps;
        this.messages = messages;
        this.consents = consents;
        this.resolver = resolver;
        this.permissions = permissions;
        this.props = props;
    }

    @Override
    public boolean handles(String actionId) {
        return FollowUpActions.RECORD_CONSENT.equals(actionId) || SUBMIT.equals(actionId);
    }

    @Override
    public ChatReply handle(ActionInvocation a) {
        FollowUp f = followUps.get(a.value());
        Contact contact = contactOf(f);
        permissions.requireOwnerOrAdmin(a.user(), resolver.accountOf(contact), "record consent for its contacts");
        if (f.state() == FollowUpState.CLOSED) {
            return ChatReply.error("Follow-up " + f.id() + " is already closed; record consent with /referral consent "
                    + contact.email() + " level=...");
        }
        if (FollowUpActions.RECORD_CONSENT.equals(a.actionId())) {
            return ChatReply.form(form(f, contact));
        }
        Consent saved = consents.record(a.user(), contact, ConsentLevel.parse(a.input("level")),
                consents.parseScope(a.input("scope")), ConsentService.parseDate(a.input("expires"), "expires"),
                a.input("evidence"));
        FollowUp closed = followUps.close(f.id(), FollowUpOutcome.CONSENT_RECORDED, saved.describe(), a.user());
        return ChatReply.message(messages.render(closed), false);
    }

    private ChatForm form(FollowUp f, Contact contact) {
        List<String> levels = Arrays.stream(ConsentLevel.values()).map(ConsentLevel::word).toList();
        return new ChatForm("Consent of " + (contact.name() == null ? contact.email() : contact.name()), "Record", SUBMIT, f.id(),
                List.of(new ChatForm.Field("level", "Level", ChatForm.Type.SELECT, levels, true,
                                "passive: name/logo · active: talks to prospects · marketing: recommends · sales: brings prospects"),
                        new ChatForm.Field("scope", "Scope", ChatForm.Type.MULTISELECT, props.scopes(), false,
                                "leave empty for the level's usual scope"),
                        new ChatForm.Field("expires", "Expires", ChatForm.Type.DATE, List.of(), false, "last day it holds"),
                        new ChatForm.Field("evidence", "Evidence", ChatForm.Type.TEXT, List.of(), false,
                                "link to the mail or message where they agreed")));
    }

    /** The follow-up's contact, or a clear refusal when the answer came from no known contact. */
    private Contact contactOf(FollowUp f) {
        if (f.contactId() == null) {
            throw new ProgramException("Follow-up " + f.id() + " has no known contact (the answer matched no imported contact),"
                    + " so no consent can be recorded from it. Import the contact, then use /referral consent.");
        }
        return resolver.find(f.contactId()).orElseThrow(() -> new ProgramException("the contact of follow-up " + f.id()
                + " is no longer known; no consent was recorded"));
    }
}
