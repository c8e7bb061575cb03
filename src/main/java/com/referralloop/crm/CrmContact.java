package com.referralloop.crm;

import java.time.Instant;

/**
 * A person at a CRM account as the sync needs it.
 *
 * @param accountCrmId the company or account it belongs to (its primary one), or null
 * @param problem      why the record cannot be used (e.g. a field of the wrong type), or null
 */
public record CrmContact(String crmId, String accountCrmId, String email, String name, String preferredChannel,
                         String slackUserId, String discordUserId, Instant modifiedAt, String problem) {
}
