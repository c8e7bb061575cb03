package com.referralloop.followup;

import java.util.EnumSet;
import java.util.Set;

/** The life of a follow-up and the moves allowed between states. */
public enum FollowUpState {
    OPEN, ACKNOWLEDGED, SNOOZED, CLOSED;

    public Set<FollowUpState> next() {
        return switch (this) {
            case OPEN -> EnumSet.of(ACKNOWLEDGED, SNOOZED, CLOSED);
            case ACKNOWLEDGED -> EnumSet.of(SNOOZED, CLOSED);
            case SNOOZED -> EnumSet.of(OPEN, CLOSED);
            case CLOSED -> EnumSet.noneOf(FollowUpState.class);
        };
    }

    public boolean canMoveTo(FollowUpState to) {
        return next().contains(to);
    }
}
