package com.referralloop.referral;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * An account's reference rating, kept apart from the account record, with every earlier rating.
 *
 * @param valueClass e.g. "friend"; "friend" holds only while a contact of the account has live consent
 * @param nextReview the date the rating is due for review (last review + the review interval)
 */
@Document("account_ratings")
// the dashboard's top references: the best grades first, a page at a time
@org.springframework.data.mongodb.core.index.CompoundIndex(name = "rating_grade", def = "{'grade': 1}")
public record AccountRating(@Id String accountId, RatingGrade grade, List<RiskFlag> risks, String reason,
                            String valueClass, LocalDate reviewedOn, LocalDate nextReview, String ratedBy,
                            Instant ratedAt, List<Entry> history) {

    public AccountRating {
        risks = risks == null ? List.of() : risks;
        history = history == null ? List.of() : history;
    }

    /** One rating as it was given. */
    public record Entry(RatingGrade grade, List<RiskFlag> risks, String reason, String valueClass, String by, Instant at) {
    }
}
