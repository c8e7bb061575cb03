package com.referralloop.request;

import com.referralloop.account.Contact;
import com.referralloop.chat.ChatAction;
import com.referralloop.chat.ChatField;
import com.referralloop.chat.ChatMessage;
import com.referralloop.chat.Platform;
import java.util.ArrayList;
import java.util.List;

/** The messages of a request, platform-neutral: the owner's approval card, the customer's question, the introduction. */
final class RequestMessages {

    /** The field the email sender turns into the Reply-To header (EmailChatSender.REPLY_TO). */
    static final String EMAIL_REPLY_TO = "Reply-To";

    private RequestMessages() {
    }

    static ChatMessage forOwner(ReferenceRequest r, Contact c, String consent, long asks, int limit) {
        List<ChatField> fields = new ArrayList<>(details(r));
        fields.add(new ChatField("Consent", consent));
        fields.add(new ChatField("Asked this quarter", asks + " of " + limit + (asks >= limit
                ? " — approving needs an override reason" : "")));
        return new ChatMessage("Reference request " + r.id() + ": " + r.requesterName() + " would like " + name(c)
                + " (" + r.accountName() + ") to talk to " + r.prospect(),
                "You own " + r.accountName() + ". Approve and Referral Loop asks " + name(c) + " on their preferred channel"
                        + " (the ask is counted then); decline with a reason the requester will see; or suggest another contact.",
                fields, List.of(new ChatAction(RequestActions.APPROVE, "Approve", r.id(), ChatAction.Style.PRIMARY),
                        new ChatAction(RequestActions.DECLINE, "Decline", r.id(), ChatAction.Style.DANGER),
                        ChatAction.of(RequestActions.SUGGEST, "Suggest another contact", r.id())),
                "Or type /reference approve " + r.id() + " · /reference decline " + r.id() + " reason=...");
    }

    static List<ChatField> details(ReferenceRequest r) {
        List<ChatField> f = new ArrayList<>();
        f.add(new ChatField("For", r.prospect() + (r.industry() == null ? "" : " (" + r.industry() + ")")));
        f.add(new ChatField("Need", r.need().word()));
        if (r.deal() != null || r.amount() != null) {
            f.add(new ChatField("Deal", (r.deal() == null ? "" : r.deal() + " ") + (r.amount() == null ? "" : Money.format(r.amount()))));
        }
        if (r.by() != null) {
            f.add(new ChatField("Needed by", r.by().toString()));
        }
        if (r.note() != null) {
            f.add(new ChatField("Note", r.note()));
        }
        return f;
    }

    /** Names the prospect's industry only, unless the requester allowed the prospect to be named. */
    /**
     * @param token   the reply token for an email (kept in the subject so any reply finds the request), or null
     * @param replyTo the reply-to address carrying the token, when a reply domain is configured
     */
    static ChatMessage forCustomer(ReferenceRequest r, Contact c, Platform platform, String token, String replyTo) {
        String hello = c.name() == null ? "Hello" : "Hello " + c.name().split(" ")[0];
        String who = r.shareProspect() ? r.prospect() : "a company" + (r.industry() == null ? "" : " in " + r.industry());
        String what = switch (r.need()) {
            case CALL -> "a short call with " + who + " who is considering us";
            case QUOTE -> "a quote we could share with " + who;
            case CASE_STUDY -> "a case study " + who + " could read";
            case SITE_VISIT -> "a visit from " + who + " to see how you use us";
            case REVIEW -> "a review " + who + " could read";
        };
        String text = hello + " — would you be willing to help with " + what + "? Your account manager asked us to "
                + "check with you first; nobody contacts you unless you say yes.";
        if (platform == Platform.EMAIL) {
            return new ChatMessage("Would you help a peer? [" + (token == null ? "request:" + r.id() : "ref:" + token) + "]",
                    text + "\n\nJust reply YES or NO to this email.",
                    replyTo == null ? List.of() : List.of(new ChatField(EMAIL_REPLY_TO, replyTo)), List.of(),
                    token == null ? "Request " + r.id() : "Keep [ref:" + token + "] in the subject when you reply");
        }
        return new ChatMessage("Would you help a peer?", text, List.of(),
                List.of(new ChatAction(RequestActions.CUSTOMER_YES, "Yes, happy to", r.id(), ChatAction.Style.PRIMARY),
                        ChatAction.of(RequestActions.CUSTOMER_NO, "No, thanks", r.id())), null);
    }

    /** The introduction: the contact details the consent allows (a call-level consent allows the email). */
    static ChatMessage introduction(ReferenceRequest r, Contact c, boolean forRequester) {
        List<ChatField> fields = new ArrayList<>(details(r));
        fields.add(0, new ChatField("Contact", name(c) + " <" + c.email() + ">, " + r.accountName()));
        List<ChatAction> actions = forRequester ? outcomeButtons(r.id()) : List.of();
        return new ChatMessage("Introduction: " + name(c) + " agreed to " + r.need().word() + " for " + r.prospect(),
                forRequester ? "Reach out within a few days and say the account team introduced you. When it has happened, "
                        + "record it here or with /reference outcome " + r.id() + " call-held|no-show|won <amount>|lost."
                        : r.requesterName() + " will reach out to " + name(c) + ". You are copied so you can thank them.",
                fields, actions, "Request " + r.id());
    }

    static List<ChatAction> outcomeButtons(String id) {
        return List.of(ChatAction.of(RequestActions.CALL_HELD, "Call held", id), ChatAction.of(RequestActions.NO_SHOW, "No show", id),
                new ChatAction(RequestActions.WON, "Deal won", id, ChatAction.Style.PRIMARY), ChatAction.of(RequestActions.LOST, "Deal lost", id));
    }

    static String name(Contact c) {
        return c.name() == null ? "the contact" : c.name();
    }
}
