package com.referralloop.sla;

import java.time.Instant;
import java.util.List;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/** The last review of an account's reference standing (rating and consents), with its history. */
@Document("reviews")
public record Review(@Id String accountId, Instant lastReviewedAt, String lastReviewedBy, List<Entry> history) {

    public Review {
        history = history == null ? List.of() : history;
    }

    /** @param outcome "still-valid" (changes and withdrawals are recorded by their own commands) */
    public record Entry(Instant at, String by, String outcome) { }
}
