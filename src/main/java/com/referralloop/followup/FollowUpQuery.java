package com.referralloop.followup;

/** A filter for listing follow-ups. */
public record FollowUpQuery(FollowUpState state, boolean openOnly, String ownerEmail, boolean overdueOnly,
                            FollowUpKind kind, int limit) {

    public FollowUpQuery {
        limit = limit <= 0 || limit > 500 ? 100 : limit;
    }

    public static FollowUpQuery all() {
        return new FollowUpQuery(null, false, null, false, null, 100);
    }
}
