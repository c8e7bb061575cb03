package com.referralloop.crm;

import java.time.Instant;

/**
 * What the CRM says became of a referred person the bot wrote as a lead (a Salesforce Lead, a HubSpot contact).
 *
 * @param crmId         the lead's or contact's id, for status and logs (no personal data)
 * @param referredEmail the referred person's address, which the referrals were logged with
 * @param outcome       where the lead stands, or null when the CRM says nothing the bot acts on yet
 * @param amount        the won deal's amount in whole currency units, or null when unknown
 * @param modifiedAt    the change time the read is ordered by (the high-water mark moves on it)
 * @param problem       why the record cannot be used (e.g. an amount that is no number), or null
 */
public record CrmReferralOutcome(String crmId, String referredEmail, Outcome outcome, Long amount, Instant modifiedAt,
                                 String problem) {

    /** QUALIFIED: converted or in a deal; WON: the deal was won; LOST: disqualified or the deal was lost. */
    public enum Outcome { QUALIFIED, WON, LOST }
}
