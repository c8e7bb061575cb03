package com.referralloop.command;

import com.referralloop.followup.FollowUp;
import com.referralloop.followup.FollowUpActions;
import com.referralloop.followup.FollowUpMessages;
import com.referralloop.followup.FollowUpOutcome;
import com.referralloop.followup.FollowUpService;
import com.referralloop.followup.FollowUpState;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * The buttons on a follow-up message that change only the follow-up. Consent and testimonial
 * buttons open forms handled by the referral and testimonial features.
 */
@Component
class FollowUpActionHandler implements ActionHandler {

    static final String NOT_SUITABLE_SUBMIT = "followup.not-suitable.submit";

    private static final Set<String> MINE = Set.of(FollowUpActions.ACKNOWLEDGE, FollowUpActions.ASK_REFERRAL,
            FollowUpActions.SNOOZE_DAY, FollowUpActions.SNOOZE_WEEK, FollowUpActions.NOT_SUITABLE,
            NOT_SUITABLE_SUBMIT, FollowUpActions.RESOLVE, FollowUpActions.SHOW_COMMENT);

    private final FollowUpService followUps;
    private final FollowUpMessages messages;
    private final Clock clock;

    FollowUpActionHandler(FollowUpService followUps, FollowUpMessages messages, Clock clock) {
        this.followUps = followUps;
        this.messages = messages;
        this.clock = clock;
    }

    @Override
    public boolean handles(String actionId) {
        return MINE.contains(actionId);
    }

    @Override
    public ChatReply handle(ActionInvocation a) {
        String id = a.value();
        FollowUp f = switch (a.actionId()) {
            case FollowUpActions.ACKNOWLEDGE -> followUps.acknowledge(id, a.user());
            case FollowUpActions.ASK_REFERRAL -> followUps.close(id, FollowUpOutcome.REFERRAL_ASKED, null, a.user());
            case FollowUpActions.RESOLVE -> followUps.close(id, FollowUpOutcome.RESOLVED, null, a.user());
            case FollowUpActions.SNOOZE_DAY -> followUps.snooze(id, clock.instant().plus(Duration.ofDays(1)), a.user());
            case FollowUpActions.SNOOZE_WEEK -> followUps.snooze(id, clock.instant().plus(Duration.ofDays(7)), a.user());
            case FollowUpActions.NOT_SUITABLE -> null;
            case FollowUpActions.SHOW_COMMENT -> followUps.get(id);
            default -> followUps.close(id, FollowUpOutcome.NOT_SUITABLE, a.input("reason"), a.user());
        };
        if (a.actionId().equals(FollowUpActions.NOT_SUITABLE)) {
            FollowUp current = followUps.get(id);
            if (current.state() == FollowUpState.CLOSED) {
                return ChatReply.error("Follow-up " + id + " is already closed.");
            }
            return ChatReply.form(new ChatForm("Not suitable", "Save", NOT_SUITABLE_SUBMIT, id,
                    List.of(new ChatForm.Field("reason", "Why is this not suitable?", ChatForm.Type.MULTILINE,
                            List.of(), true, "e.g. competitor's employee, already a reference elsewhere"))));
        }
        if (a.actionId().equals(FollowUpActions.SHOW_COMMENT)) {
            return ChatReply.ephemeral(f.comment() == null ? "(no comment)" : f.comment());
        }
        return ChatReply.message(messages.render(f), false);
    }
}
