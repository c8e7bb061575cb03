package com.referralloop.testimonial;

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
import com.referralloop.referral.ContactResolver;
import com.referralloop.referral.Permissions;
import com.referralloop.referral.ProgramException;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The "Request testimonial" button on a follow-up: opens a form for the quote and, on submit,
 * records it as pending the customer's approval and closes the follow-up.
 */
@Component
class FollowUpTestimonialForm implements ActionHandler {

    static final String SUBMIT = "followup.testimonial.submit";

    private final FollowUpService followUps;
    private final FollowUpMessages messages;
    private final TestimonialService testimonials;
    private final ContactResolver resolver;
    private final Permissions permissions;

    FollowUpTestimonialForm(FollowUpService followUps, FollowUpMessages messages, TestimonialService testimonials,
                            ContactResolver resolver, Permissions permissions) {
        this.followUps = followUps;
        this.messages = messages;
        this.testimonials = testimonials;
        this.resolver = resolver;
        this.permissions = permissions;
    }

    @Override
    public boolean handles(String actionId) {
        return FollowUpActions.REQUEST_TESTIMONIAL.equals(actionId) || SUBMIT.equals(actionId);
    }

    @Override
    public ChatReply handle(ActionInvocation a) {
        FollowUp f = followUps.get(a.value());
        if (f.contactId() == null) {
            throw new ProgramException("Follow-up " + f.id() + " has no known contact (the answer matched no imported contact),"
                    + " so no testimonial can be requested from it. Import the contact, then use /testimonial add.");
        }
        Contact contact = resolver.find(f.contactId()).orElseThrow(() ->
                new ProgramException("the contact of follow-up " + f.id() + " is no longer known"));
        permissions.requireOwnerOrAdmin(a.user(), resolver.accountOf(contact), "record testimonials for its contacts");
        if (f.state() == FollowUpState.CLOSED) {
            return ChatReply.error("Follow-up " + f.id() + " is already closed; use /testimonial add " + contact.email() + " \"<quote>\"");
        }
        if (FollowUpActions.REQUEST_TESTIMONIAL.equals(a.actionId())) {
            return ChatReply.form(new ChatForm("Testimonial from " + (contact.name() == null ? contact.email() : contact.name()),
                    "Send for approval", SUBMIT, f.id(), List.of(
                    new ChatForm.Field("quote", "Quote", ChatForm.Type.MULTILINE, List.of(), true,
                            f.comment() == null ? "their words, as they will approve them" : "their survey comment: " + f.comment()),
                    new ChatForm.Field("project", "Reference project id", ChatForm.Type.TEXT, List.of(), false, "optional, e.g. P7KQ2MX"))));
        }
        Testimonial t = testimonials.add(a.user(), contact, a.input("quote"), a.input("project"), false);
        FollowUp closed = followUps.close(f.id(), FollowUpOutcome.TESTIMONIAL_REQUESTED, "testimonial " + t.id(), a.user());
        return ChatReply.message(messages.render(closed), false);
    }
}
