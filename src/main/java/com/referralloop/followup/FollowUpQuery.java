package com.referralloop.followup;

/**
 * A filter for listing follow-ups.
 *
 * @param unassignedOnly only follow-ups no owner was found for (the respondent is in no account)
 */
public record FollowUpQuery(FollowUpState state, boolean openOnly, String ownerEmail, boolean overdueOnly,
                            FollowUpKind kind, int limit, boolean unassignedOnly) {

    public FollowUpQuery {
        limit = limit <= 0 || limit > 500 ? 100 : limit;
    }

    public FollowUpQuery(FollowUpState state, boolean openOnly, String ownerEmail, boolean overdueOnly,
                         FollowUpKind kind, int limit) {
        this(state, openOnly, ownerEmail, overdueOnly, kind, limit, false);
    }

    public static FollowUpQuery all() {
        return new FollowUpQuery(null, false, null, false, null, 100);
    }
}
