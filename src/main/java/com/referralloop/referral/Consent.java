package com.referralloop.referral;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One entry of the append-only consent ledger. A change is a new entry; a withdrawal is an entry
 * with {@code withdrawn = true}. The latest entry of a contact is its consent.
 *
 * @param expires last day the consent holds (inclusive); null = until withdrawn
 * @param reason  why it was withdrawn, when it is a withdrawal
 */
@Document("consents")
// the program dashboard and /referral stats count these by period, withdrawn or not: from the entries alone
@org.springframework.data.mongodb.core.index.CompoundIndex(name = "consent_recorded_withdrawn", def = "{'recordedAt': 1, 'withdrawn': 1}")
// the review job: the ledger of a batch of accounts due for review, and consents expiring soon not yet prompted
@org.springframework.data.mongodb.core.index.CompoundIndex(name = "consent_account", def = "{'accountId': 1, 'recordedAt': 1}")
@org.springframework.data.mongodb.core.index.CompoundIndex(name = "consent_expiry", def = "{'expires': 1, 'renewalHandledAt': 1}")
public record Consent(@Id String id, @Indexed String contactId, String accountId, ConsentLevel level,
                      List<String> scope, LocalDate expires, String evidence, String recordedBy, Instant recordedAt,
                      boolean withdrawn, String reason) {

    public Consent {
        scope = scope == null ? List.of() : List.copyOf(scope);
    }

    /** Live on {@code today}: not a withdrawal and not past its last day. */
    public boolean liveOn(LocalDate today) {
        return !withdrawn && level != null && (expires == null || !today.isAfter(expires));
    }

    public boolean covers(String scopeWord) {
        return scope.contains(scopeWord);
    }

    /** e.g. "active (logo, quote, call) until 2027-06-30". */
    public String describe() {
        if (withdrawn) {
            return "withdrawn";
        }
        return level.word() + " (" + String.join(", ", scope) + ")" + (expires == null ? "" : " until " + expires);
    }
}
