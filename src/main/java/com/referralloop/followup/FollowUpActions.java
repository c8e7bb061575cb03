package com.referralloop.followup;

/** Action ids of the buttons on a follow-up message; every front end routes them back by these names. */
public final class FollowUpActions {

    public static final String ACKNOWLEDGE = "followup.ack";
    public static final String ASK_REFERRAL = "followup.ask-referral";
    public static final String RECORD_CONSENT = "followup.consent";
    public static final String REQUEST_TESTIMONIAL = "followup.testimonial";
    public static final String SNOOZE_DAY = "followup.snooze-1d";
    public static final String SNOOZE_WEEK = "followup.snooze-1w";
    public static final String NOT_SUITABLE = "followup.not-suitable";
    public static final String RESOLVE = "followup.resolve";
    public static final String SHOW_COMMENT = "followup.show-comment";

    private FollowUpActions() {
    }
}
