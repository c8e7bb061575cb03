package com.referralloop.request;

/** Button and form ids of reference requests; the value of each is the request id (or the handle, to open one). */
public final class RequestActions {

    public static final String OPEN = "reference.request.open";
    public static final String SUBMIT = "reference.request.submit";
    public static final String APPROVE = "reference.request.approve";
    public static final String APPROVE_OVERRIDE = "reference.request.approve-override";
    public static final String DECLINE = "reference.request.decline";
    public static final String DECLINE_SUBMIT = "reference.request.decline-submit";
    public static final String SUGGEST = "reference.request.suggest";
    public static final String SUGGEST_SUBMIT = "reference.request.suggest-submit";
    public static final String CUSTOMER_YES = "reference.customer.yes";
    public static final String CUSTOMER_NO = "reference.customer.no";
    public static final String CALL_HELD = "reference.outcome.call-held";
    public static final String NO_SHOW = "reference.outcome.no-show";
    public static final String WON = "reference.outcome.won";
    public static final String WON_SUBMIT = "reference.outcome.won-submit";
    public static final String LOST = "reference.outcome.lost";

    private RequestActions() {
    }
}
