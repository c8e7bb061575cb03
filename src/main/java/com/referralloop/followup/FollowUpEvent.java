package com.referralloop.followup;

import java.time.Instant;

/**
 * One recorded step in a follow-up's life: a transition, a reminder, an escalation or a note.
 *
 * @param type what happened (TRANSITION, REMINDER, ESCALATION, REPLY, NOTE, DELIVERY)
 * @param by   who did it (a chat user id, or "system")
 */
public record FollowUpEvent(Instant at, String type, String by, FollowUpState from, FollowUpState to, String note) {

    /** A person (not the scheduler waking a snooze or the system) moved the follow-up on: it was acted on. */
    public static boolean isHumanAction(FollowUpEvent e) {
        return "TRANSITION".equals(e.type()) && !"system".equals(e.by()) && !"Referral Loop".equals(e.by())
                && e.to() != FollowUpState.OPEN;
    }
}
