package com.referralloop.crm;

import java.time.Instant;
import java.util.Map;

/**
 * One change the bot writes to the CRM, in neutral terms; the adapter maps {@link CrmField} keys to its API names.
 *
 * @param kind      what is written
 * @param key       the contact's email (CONTACT), the account's CRM id (ACCOUNT, NOTE), the referred email (LEAD,
 *                  LEAD_REFERRER_CLEAR) or the note's CRM id (NOTE_DELETE)
 * @param fields    values by {@link CrmField} name; a null value clears the field
 * @param text      the note's or lead's text, when the kind has one; lines are separated by '\n'. For
 *                  LEAD_REFERRER_CLEAR the fact the lead was written under ("lead:&lt;referral id&gt;"), which
 *                  Salesforce finds the Lead by
 * @param at        when the fact happened (a note's time in the CRM); null: when it is written
 * @param fact      the outbox fact the write was queued under ("lead:&lt;referral id&gt;"); the adapter keys what
 *                  it creates by it, so a retry after a lost answer finds the record instead of making a second
 *                  one. Null in writes queued before it travelled with them
 * @param contactId the contact a note is about (a closed follow-up's respondent), so that erasing them finds the
 *                  note; null for other writes
 */
public record CrmWrite(Kind kind, String key, Map<String, String> fields, String text, Instant at, String fact,
                       String contactId) {

    public CrmWrite(Kind kind, String key, Map<String, String> fields, String text) {
        this(kind, key, fields, text, null);
    }

    public CrmWrite(Kind kind, String key, Map<String, String> fields, String text, Instant at) {
        this(kind, key, fields, text, at, null, null);
    }

    /** The same write, keyed by the fact it is queued under. */
    public CrmWrite withFact(String queuedFact) {
        return new CrmWrite(kind, key, fields, text, at, queuedFact, contactId);
    }

    /**
     * CONTACT and ACCOUNT update fields; LEAD creates a referred person; NOTE records a closed follow-up or a won
     * deal; NOTE_DELETE deletes a note the bot wrote (an erase of the contact it is about); LEAD_REFERRER_CLEAR
     * removes an erased referrer from the lead the bot wrote for the person they referred (never creates one).
     */
    public enum Kind { CONTACT, ACCOUNT, LEAD, NOTE, NOTE_DELETE, LEAD_REFERRER_CLEAR }
}
