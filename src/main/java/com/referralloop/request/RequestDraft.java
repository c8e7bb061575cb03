package com.referralloop.request;

/**
 * What a rep typed or filled in to request a reference, before it is checked.
 *
 * @param target   a handle from /reference find ({@code P7KQ2MX.K4F2A9}), a project id, or (owners and admins) an email
 * @param criteria the search the rep chose it from, so a decline can offer the next-best match
 */
public record RequestDraft(String target, String prospect, String industry, boolean shareProspect, String deal,
                           String amount, String need, String by, String note, String override, String criteria) {
}
