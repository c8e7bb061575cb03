package com.referralloop.sla;

import java.time.Instant;
import java.util.List;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * An account's review schedule and the last review of its reference standing (rating and consents), with
 * its history.
 *
 * @param nextReviewAt  when the yearly review prompt is due; null when none is scheduled (prompted and not
 *                      reviewed since, or nothing on file). The review job reads only rows due by now
 * @param lastChangedAt when the rating or a consent was last recorded (a change counts as a review)
 */
@Document("reviews")
public record Review(@Id String accountId, Instant lastReviewedAt, String lastReviewedBy, List<Entry> history,
                     @Indexed(name = "review_next", sparse = true) Instant nextReviewAt, Instant lastChangedAt) {

    public Review {
        history = history == null ? List.of() : history;
    }

    /** The last review: the later of an explicit "still valid" and the last recorded change. */
    public Instant lastReview() {
        if (lastReviewedAt == null) {
            return lastChangedAt;
        }
        return lastChangedAt == null || lastReviewedAt.isAfter(lastChangedAt) ? lastReviewedAt : lastChangedAt;
    }

    /** @param outcome "still-valid" (changes and withdrawals are recorded by their own commands) */
    public record Entry(Instant at, String by, String outcome) { }
}
