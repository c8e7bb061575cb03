package com.referralloop.followup;

import com.referralloop.support.PageCursor;
import com.referralloop.support.Pages;

/**
 * A filter for listing follow-ups.
 *
 * @param unassignedOnly only follow-ups no owner was found for (the respondent is in no account)
 * @param after          where the page starts (newest first by createdAt, then id); null for the first page
 */
public record FollowUpQuery(FollowUpState state, boolean openOnly, String ownerEmail, boolean overdueOnly,
                            FollowUpKind kind, int limit, boolean unassignedOnly, PageCursor after) {

    public FollowUpQuery {
        limit = limit <= 0 || limit > Pages.MAX_LIMIT + 1 ? 100 : limit;
    }

    public FollowUpQuery(FollowUpState state, boolean openOnly, String ownerEmail, boolean overdueOnly,
                         FollowUpKind kind, int limit, boolean unassignedOnly) {
        this(state, openOnly, ownerEmail, overdueOnly, kind, limit, unassignedOnly, null);
    }

    public FollowUpQuery(FollowUpState state, boolean openOnly, String ownerEmail, boolean overdueOnly,
                         FollowUpKind kind, int limit) {
        this(state, openOnly, ownerEmail, overdueOnly, kind, limit, false, null);
    }

    public static FollowUpQuery all() {
        return new FollowUpQuery(null, false, null, false, null, 100);
    }
}
