package com.referralloop.crm;

import java.time.Instant;
import java.util.List;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * What the last sync of one CRM did, and where the next one starts: one document per CRM. A mark only moves
 * past records that were stored, so a record that failed is read again on the next run.
 *
 * @param accountsMark  change time from which the next run reads accounts (null: everything)
 * @param contactsMark  the same for contacts
 * @param removalsMark  the same for archived, deleted or merged contacts
 * @param outcomesMark  the same for the outcomes of referred leads (won, lost)
 * @param outcome       OK, PARTIAL (some records failed, or only the referral outcomes could not be read: see
 *                      {@code outcomesError}) or FAILED (the run stopped: see {@code error})
 * @param outcomesError why reading the referral outcomes stopped this run, or null; the other parts went on
 */
@Document("crm_sync")
public record CrmSyncState(@Id String id, Instant accountsMark, Instant contactsMark, Instant removalsMark,
                           Instant outcomesMark, Instant lastRunStartedAt, Instant lastRunFinishedAt, String outcome,
                           String error, String outcomesError, Counts counts, List<RecordError> errors,
                           List<String> missingFields) {

    /**
     * Records read and what became of them in the last run.
     *
     * @param referralsRead   referred leads whose outcome was read
     * @param referralsMoved  referrals whose status or value that moved (won, lost, qualified)
     * @param rateLimitWaits  times the run waited for the CRM's Retry-After before going on
     */
    public record Counts(int accountsRead, int accountsChanged, int contactsRead, int contactsChanged,
                         int contactsRemoved, int referralsRead, int referralsMoved, int failed, int calls,
                         int rateLimitWaits) { }

    /** One record the last run could not store, and why (no personal data: the CRM id names it). */
    public record RecordError(String object, String crmId, Instant modifiedAt, String problem) { }

    static CrmSyncState empty(String crm) {
        return new CrmSyncState(crm, null, null, null, null, null, null, null, null, null, null, List.of(), List.of());
    }
}
