package com.referralloop.crm;

import java.time.Instant;
import java.util.Map;

/**
 * One change the bot writes to the CRM, in neutral terms; the adapter maps {@link CrmField} keys to its API names.
 *
 * @param kind   what is written
 * @param key    the contact's email (CONTACT), the account's CRM id (ACCOUNT, NOTE) or the referred email (LEAD)
 * @param fields values by {@link CrmField} name; a null value clears the field
 * @param text   the note's or lead's text, when the kind has one; lines are separated by '\n'
 * @param at     when the fact happened (a note's time in the CRM); null: when it is written
 */
public record CrmWrite(Kind kind, String key, Map<String, String> fields, String text, Instant at) {

    public CrmWrite(Kind kind, String key, Map<String, String> fields, String text) {
        this(kind, key, fields, text, null);
    }

    /** CONTACT and ACCOUNT update fields; LEAD creates a referred person; NOTE records a closed follow-up or a won deal. */
    public enum Kind { CONTACT, ACCOUNT, LEAD, NOTE }
}
