package com.referralloop.reply;

import com.referralloop.account.AccountService;
import com.referralloop.account.Contact;
import com.referralloop.chat.ChatAction;
import com.referralloop.chat.ChatField;
import com.referralloop.chat.ChatMessage;
import com.referralloop.chat.ChatTarget;
import com.referralloop.chat.ChatUser;
import com.referralloop.chat.Platform;
import com.referralloop.chat.outbox.ChatSender;
import com.referralloop.chat.outbox.Outbox;
import com.referralloop.followup.CustomerReply;
import com.referralloop.followup.FollowUp;
import com.referralloop.followup.FollowUpActions;
import com.referralloop.followup.FollowUpException;
import com.referralloop.followup.FollowUpKind;
import com.referralloop.followup.FollowUpService;
import com.referralloop.followup.FollowUpState;
import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

/**
 * The customer-facing question: thank a promoter on their preferred channel and ask whether they would
 * share their experience with a peer. A Yes becomes a consent proposal for the owner; consent itself is
 * recorded only by a rep, with the answer as its evidence.
 */
@Service
public class CustomerQuestion {

    public static final String ASK = "followup.ask-customer";
    public static final String YES = "customer.share.yes";
    public static final String LATER = "customer.share.later";
    public static final String NO = "customer.share.no";

    public enum Answer {
        YES("yes", "Yes, I would share my experience with a peer"),
        LATER("later", "Maybe later"),
        NO("no", "No, thank you");

        private final String word;
        private final String text;

        Answer(String word, String text) {
            this.word = word;
            this.text = text;
        }

        public String word() {
            return word;
        }

        /** The answer an email reply starts with ("yes", "Maybe later", "no thanks"), if any. */
        public static Optional<Answer> fromText(String reply) {
            if (reply == null) {
                return Optional.empty();
            }
            String t = reply.strip().toLowerCase(Locale.ROOT).replaceAll("^[^a-z]+", "");
            if (t.matches("^yes\\b.*") || t.matches("^(sure|happy to)\\b.*")) {
                return Optional.of(YES);
            }
            if (t.matches("^(maybe|later|not now)\\b.*")) {
                return Optional.of(LATER);
            }
            if (t.matches("^no\\b.*")) {
                return Optional.of(NO);
            }
            return Optional.empty();
        }
    }

    /** Where the question went; {@code viaLog} when that platform has no sender here and the log stood in. */
    public record Asked(FollowUp followUp, Contact contact, ChatTarget target, boolean viaLog) { }

    private final FollowUpService followUps;
    private final AccountService accounts;
    private final Outbox outbox;
    private final OwnerNotices notices;
    private final ReplyTokens tokens;
    private final Set<Platform> senders = EnumSet.noneOf(Platform.class);
    private final Clock clock;

    CustomerQuestion(FollowUpService followUps, AccountService accounts, Outbox outbox, OwnerNotices notices,
                     ReplyTokens tokens, List<ChatSender> senders, Clock clock) {
        this.followUps = followUps;
        this.accounts = accounts;
        this.outbox = outbox;
        this.notices = notices;
        this.tokens = tokens;
        senders.forEach(s -> this.senders.add(s.platform()));
        this.clock = clock;
    }

    /** Sends the question once per follow-up to the contact's preferred channel. */
    public Asked ask(String followUpId, ChatUser by) {
        FollowUp f = followUps.get(followUpId);
        if (f.state() == FollowUpState.CLOSED) {
            throw new FollowUpException("follow-up " + f.id() + " is closed; the customer is not asked any more");
        }
        if (f.kind() != FollowUpKind.PROMOTER) {
            throw new FollowUpException("only promoters are asked to share their experience; follow-up " + f.id()
                    + " is a " + f.kind().name().toLowerCase(Locale.ROOT));
        }
        String email = f.contactId() != null ? f.contactId() : f.respondentEmail();
        Contact contact = accounts.contactByEmail(email).orElseThrow(() -> new FollowUpException(
                "no contact on file for follow-up " + f.id() + "; import the contact with a preferred_channel first"));
        ChatTarget preferred = preferredTarget(contact).orElseThrow(() -> new FollowUpException(
                "the preferred channel of " + contact.email() + " is not known (or has no id on file): import "
                        + "preferred_channel=slack|discord|email with their Slack or Discord id; or ask them yourself"));
        boolean viaLog = !senders.contains(preferred.platform());
        // no sender for that platform here (Slack/Discord off; EMAIL without SMTP_HOST): the log stands in, visibly
        ChatTarget target = viaLog
                ? ChatTarget.of(Platform.LOG, preferred.platform().name().toLowerCase(Locale.ROOT) + ":" + preferred.destination())
                : preferred;
        if (!outbox.enqueue("followup:" + f.id() + ":ask-customer", target, question(f, contact, preferred.platform()),
                "ask:" + f.id())) {
            throw new FollowUpException(contact.email() + " was already asked about follow-up " + f.id()
                    + "; the answer will show on the follow-up");
        }
        followUps.record(f.id(), "CUSTOMER_ASKED", by.mention(), "asked " + contact.email() + " via "
                + preferred.platform().name().toLowerCase(Locale.ROOT) + (viaLog ? " (delivered to the log: no sender)" : ""),
                null);
        return new Asked(followUps.get(f.id()), contact, target, viaLog);
    }

    /**
     * Records the customer's answer on the follow-up (a reply, plus a CONSENT_PROPOSED event for Yes) with
     * one conditional update, and tells the owner; a Yes carries the button that opens the consent form.
     *
     * @return false when this exact answer was already recorded
     */
    public boolean answer(String followUpId, Answer answer, Platform channel, String from, String text) {
        FollowUp f = followUps.get(followUpId);
        String said = text == null || text.isBlank() ? answer.text : text.strip();
        CustomerReply reply = new CustomerReply(clock.instant(), channel, from, said);
        Criteria notYet = Criteria.where("replies").not().elemMatch(Criteria.where("from").is(from).and("text").is(said));
        String type = answer == Answer.YES ? "CONSENT_PROPOSED" : "CUSTOMER_ANSWER";
        boolean recorded = followUps.recordIf(f.id(), notYet, type, from,
                "would share experience with a peer: " + answer.word, new Update().push("replies", reply));
        if (!recorded) {
            return false;
        }
        String who = f.respondentName() != null ? f.respondentName() : from;
        ChatMessage m = switch (answer) {
            case YES -> new ChatMessage("Consent proposal: " + who + " would share their experience with a peer",
                    who + " (" + (f.accountName() == null ? "unknown account" : f.accountName()) + ") answered Yes via "
                            + channel.name().toLowerCase(Locale.ROOT) + ": “" + said + "”.\nConsent is recorded only by you: "
                            + "open the form to set level, scope and expiry; their answer is the evidence.",
                    List.of(new ChatField("Follow-up", f.id())),
                    List.of(new ChatAction(FollowUpActions.RECORD_CONSENT, "Record consent", f.id(), ChatAction.Style.PRIMARY)),
                    "Nothing is recorded until you confirm");
            case LATER -> ChatMessage.text(who + " answered “maybe later” to sharing their experience (follow-up "
                    + f.id() + "). Ask again in a few weeks.");
            case NO -> ChatMessage.text(who + " would rather not share their experience with a peer (follow-up " + f.id()
                    + "). Nothing else to do; thank them for the feedback.");
        };
        notices.tell(f, "customer-answer:" + answer.word, m);
        return true;
    }

    /** True when the question was sent for this follow-up. */
    public static boolean wasAsked(FollowUp f) {
        return f.events().stream().anyMatch(e -> "CUSTOMER_ASKED".equals(e.type()));
    }

    private ChatMessage question(FollowUp f, Contact contact, Platform platform) {
        String name = contact.name() == null ? "" : ", " + contact.name().split(" ")[0];
        String text = "You gave us " + f.score() + "/10 — thank you. Would you be willing to share your experience "
                + "with a peer at another company who is considering us? We would always ask you first.";
        if (platform == Platform.EMAIL) {
            String token = tokens.tokenFor(f.id());
            String replyTo = tokens.replyAddress(f.id()).orElse(null);
            return new ChatMessage("Thank you for your feedback" + name + " [ref:" + token + "]",
                    text + "\n\nJust reply YES, MAYBE LATER or NO to this email.",
                    replyTo == null ? List.of() : List.of(new ChatField("Reply-To", replyTo)), List.of(),
                    "Keep [ref:" + token + "] in the subject when you reply");
        }
        return new ChatMessage("Thank you for your feedback" + name + "!", text, List.of(),
                List.of(new ChatAction(YES, "Yes", f.id(), ChatAction.Style.PRIMARY),
                        ChatAction.of(LATER, "Maybe later", f.id()),
                        ChatAction.of(NO, "No, thanks", f.id())), null);
    }

    /** True when the clicking chat user is this contact (by the chat id on file): only they may answer their question. */
    public static boolean isContact(ChatUser user, Contact c) {
        if (user.platform() == Platform.SLACK) {
            return user.id() != null && user.id().equals(c.slackUserId());
        }
        if (user.platform() == Platform.DISCORD) {
            return user.id() != null && user.id().equals(c.discordUserId());
        }
        return false;
    }

    public static Optional<ChatTarget> preferredTarget(Contact c) {
        if (c.preferredChannel() == null) {
            return Optional.empty();
        }
        return switch (c.preferredChannel()) {
            case SLACK -> Optional.ofNullable(c.slackUserId()).map(id -> ChatTarget.direct(Platform.SLACK, id));
            case DISCORD -> Optional.ofNullable(c.discordUserId()).map(id -> ChatTarget.direct(Platform.DISCORD, id));
            case EMAIL -> Optional.ofNullable(c.email()).map(e -> ChatTarget.of(Platform.EMAIL, e));
            default -> Optional.empty();
        };
    }
}
