package com.referralloop.crm;

import java.time.Instant;
import java.util.List;

/**
 * The port every CRM adapter implements: what the bot reads from a CRM and what it writes back. Only neutral
 * types cross it; calls throw {@link CrmException} for a refused token, a rate limit or a failed call.
 */
public interface CrmConnector {

    /** "hubspot" or "salesforce": the name in status, logs and dedupe keys. */
    String name();

    /** Accounts changed at or after {@code since} (all when null); {@code cursor} is the previous page's next. */
    CrmPage<CrmAccount> changedAccounts(Instant since, String cursor);

    /** Contacts changed at or after {@code since}; adapters that read contacts with their accounts return none. */
    CrmPage<CrmContact> changedContacts(Instant since, String cursor);

    /** Contacts archived, deleted or merged away at or after {@code since}. */
    CrmPage<CrmRemoval> removedContacts(Instant since, String cursor);

    /**
     * Referred people the bot wrote as leads whose outcome changed at or after {@code since}: a converted lead's
     * opportunity won or lost, a contact become a customer or disqualified.
     */
    CrmPage<CrmReferralOutcome> changedReferrals(Instant since, String cursor);

    /** The mapped fields (as configured) that this CRM does not have, each named "object.field". */
    List<String> missingMappedFields();

    /**
     * Applies one write; returns the CRM's id of what was written, or null when a write that only changes a
     * record found none to change (LEAD_REFERRER_CLEAR: the lead is not in the CRM).
     */
    String write(CrmWrite write);

    /** HTTP calls made so far (for the status and the benchmark's calls per record). */
    long calls();

    /** Creates the custom fields the bot writes that are missing; returns the ones it created. */
    List<String> createMissingFields();

    /** The custom fields the bot writes that this CRM still lacks, each "object.field" (none where setup creates them). */
    default List<String> missingWrittenFields() {
        return List.of();
    }

    /** What an admin does about missing fields, for the start-up log and the setup answer. */
    default String fieldSetupHint() {
        return "create them (POST /api/crm/setup) or change the mapping (REFERRAL_CRM_FIELD_*)";
    }
}
