package com.referralloop.sla;

/** Action ids of the buttons on a yearly review prompt; the button value is the account id. */
public final class ReviewActions {

    public static final String STILL_VALID = "review.still-valid";
    public static final String CHANGE = "review.change";
    public static final String WITHDRAW = "review.withdraw";

    private ReviewActions() {
    }
}
