package com.referralloop.referral;

import com.referralloop.followup.ReferenceSummary;
import org.springframework.stereotype.Component;

/** The consent and rating lines on follow-up messages, from the ledger and the ratings. */
@Component
class ProgramReferenceSummary implements ReferenceSummary {

    private final ConsentService consents;
    private final RatingService ratings;

    ProgramReferenceSummary(ConsentService consents, RatingService ratings) {
        this.consents = consents;
        this.ratings = ratings;
    }

    @Override
    public String consentOf(String contactId) {
        return consents.describe(contactId);
    }

    @Override
    public String ratingOf(String accountId) {
        return ratings.describe(accountId);
    }

    @Override
    public java.util.Map<String, String> consentsOf(java.util.Collection<String> contactIds) {
        return consents.describeAll(contactIds);
    }

    @Override
    public java.util.Map<String, String> ratingsOf(java.util.Collection<String> accountIds) {
        return ratings.describeAll(accountIds);
    }
}
