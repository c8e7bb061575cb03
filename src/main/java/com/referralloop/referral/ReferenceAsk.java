package com.referralloop.referral;

import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One time a contact was asked to act as a reference (or for a referral from a follow-up).
 *
 * @param forWhat  the prospect or deal it was for
 * @param override the reason given to ask past the fatigue limit, when one was needed
 * @param source   "command" or "followup:&lt;id&gt;"
 * @param outcome  won, lost, declined or done, once known
 */
@Document("reference_requests")
// the program dashboard counts these by period
@org.springframework.data.mongodb.core.index.CompoundIndex(name = "request_asked_figures", def = "{'askedAt': 1, 'source': 1, 'outcome': 1}")
public record ReferenceAsk(@Id String id, @Indexed String contactId, String accountId, String forWhat,
                               String note, String askedBy, Instant askedAt, String override, String source,
                               RequestOutcome outcome, String outcomeNote, String outcomeBy, Instant outcomeAt) {
}
