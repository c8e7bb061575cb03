package com.referralloop.followup;

import com.referralloop.chat.ChatAction;
import com.referralloop.chat.ChatField;
import com.referralloop.chat.ChatMessage;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/** Renders a follow-up as a neutral message: who answered, what, the account's standing, and the actions left. */
@Component
public class FollowUpMessages {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private final ObjectProvider<ReferenceSummary> summary;
    private final Clock clock;

    FollowUpMessages(ObjectProvider<ReferenceSummary> summary, Clock clock) {
        this.summary = summary;
        this.clock = clock;
    }

    public ChatMessage render(FollowUp f) {
        ReferenceSummary s = summary.getIfAvailable();
        return render(f, s == null ? null : s::consentOf, s == null ? null : s::ratingOf);
    }

    /**
     * Renders many follow-ups (in order), reading the consent and rating lines of all of them at once:
     * the same messages as {@link #render} one by one, with two store reads instead of two per follow-up.
     */
    public List<ChatMessage> renderAll(List<FollowUp> followUps) {
        ReferenceSummary s = summary.getIfAvailable();
        if (s == null) {
            return followUps.stream().map(f -> render(f, null, null)).toList();
        }
        java.util.Map<String, String> consents = s.consentsOf(followUps.stream().map(FollowUp::contactId)
                .filter(java.util.Objects::nonNull).toList());
        java.util.Map<String, String> ratings = s.ratingsOf(followUps.stream().map(FollowUp::accountId)
                .filter(java.util.Objects::nonNull).toList());
        return followUps.stream().map(f -> render(f, consents::get, ratings::get)).toList();
    }

    private ChatMessage render(FollowUp f, java.util.function.UnaryOperator<String> consentOf,
                               java.util.function.UnaryOperator<String> ratingOf) {
        String title = switch (f.kind()) {
            case PROMOTER -> "Promoter: " + who(f) + " gave " + f.score() + "/10";
            case DETRACTOR -> "Detractor: " + who(f) + " gave " + f.score() + "/10 — turn the frown upside down";
            case PASSIVE -> "Passive: " + who(f) + " gave " + f.score() + "/10";
        };
        List<ChatField> fields = new ArrayList<>();
        fields.add(new ChatField("Account", f.accountName() != null ? f.accountName() : "unknown (unassigned)"));
        fields.add(new ChatField("Score", f.score() + "/10 (" + f.kind().name().toLowerCase() + ")"));
        if (consentOf != null) {
            fields.add(new ChatField("Consent", f.contactId() == null ? "none" : consentOf.apply(f.contactId())));
            fields.add(new ChatField("Rating", f.accountId() == null ? "not rated" : ratingOf.apply(f.accountId())));
        }
        fields.add(new ChatField("State", stateLine(f)));
        fields.add(new ChatField("Due", f.dueAt() == null ? "-" : WHEN.format(f.dueAt())
                + (f.isOverdue(clock.instant()) ? " (overdue)" : "")));
        String text = f.comment() == null || f.comment().isBlank() ? "(no comment)" : "“" + f.comment() + "”";
        return new ChatMessage(title, text, fields, actionsFor(f), footer(f));
    }

    private static String who(FollowUp f) {
        if (f.respondentName() != null) {
            return f.respondentName();
        }
        return f.respondentEmail() != null ? f.respondentEmail() : "an anonymous respondent";
    }

    private static String stateLine(FollowUp f) {
        return switch (f.state()) {
            case CLOSED -> "closed: " + (f.outcome() == null ? "-" : f.outcome().word())
                    + (f.outcomeNote() == null ? "" : " (" + f.outcomeNote() + ")");
            case SNOOZED -> "snoozed until " + WHEN.format(f.snoozedUntil());
            default -> f.state().name().toLowerCase();
        };
    }

    private static String footer(FollowUp f) {
        StringBuilder b = new StringBuilder("Follow-up ").append(f.id());
        if (f.lastActor() != null) {
            b.append(" · last action by ").append(f.lastActor());
        }
        if (f.remindedAt() != null) {
            b.append(" · reminder sent ").append(WHEN.format(f.remindedAt()));
        }
        if (f.escalationLevel() > 0) {
            b.append(" · escalated (level ").append(f.escalationLevel())
                    .append(f.escalationLevel() == 1 ? ": manager" : ": customer success").append(')');
        }
        if (!f.replies().isEmpty()) {
            b.append(" · ").append(f.replies().size()).append(" customer repl").append(f.replies().size() == 1 ? "y" : "ies");
        }
        return b.toString();
    }

    static List<ChatAction> actionsFor(FollowUp f) {
        if (f.state() == FollowUpState.CLOSED) {
            return List.of();
        }
        String id = f.id();
        List<ChatAction> actions = new ArrayList<>();
        if (f.kind() == FollowUpKind.DETRACTOR) {
            if (f.state() == FollowUpState.OPEN) {
                actions.add(new ChatAction(FollowUpActions.ACKNOWLEDGE, "Acknowledge", id, ChatAction.Style.PRIMARY));
            }
            actions.add(ChatAction.of(FollowUpActions.RESOLVE, "Resolved", id));
        } else {
            actions.add(new ChatAction(FollowUpActions.ASK_REFERRAL, "Ask for a referral", id, ChatAction.Style.PRIMARY));
            actions.add(ChatAction.of(FollowUpActions.RECORD_CONSENT, "Record consent", id));
            actions.add(ChatAction.of(FollowUpActions.REQUEST_TESTIMONIAL, "Request testimonial", id));
        }
        actions.add(ChatAction.of(FollowUpActions.SNOOZE_DAY, "Snooze 1 day", id));
        actions.add(ChatAction.of(FollowUpActions.SNOOZE_WEEK, "Snooze 1 week", id));
        actions.add(new ChatAction(FollowUpActions.NOT_SUITABLE, "Not suitable", id, ChatAction.Style.DANGER));
        return actions;
    }
}
