package com.referralloop.crm;

import java.time.Instant;

/**
 * A company (HubSpot) or Account (Salesforce) as the sync needs it.
 *
 * @param modifiedAt when the CRM last changed it: the sync's high-water mark moves along it
 * @param problem    why the record cannot be used (e.g. a field of the wrong type), or null
 */
public record CrmAccount(String crmId, String name, String ownerEmail, String managerEmail, String csChannel,
                         Instant modifiedAt, String problem) {
}
