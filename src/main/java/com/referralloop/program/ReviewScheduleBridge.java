package com.referralloop.program;

import com.referralloop.referral.ProgramEvents.AccountRated;
import com.referralloop.referral.ProgramEvents.ConsentRecorded;
import com.referralloop.sla.ReviewStore;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** A rating or consent recorded counts as a review: the account's next review moves a review interval on. */
@Component
class ReviewScheduleBridge {

    private final ReviewStore reviews;

    ReviewScheduleBridge(ReviewStore reviews) {
        this.reviews = reviews;
    }

    @EventListener
    void on(AccountRated rated) {
        reviews.changed(rated.rating().accountId(), rated.rating().ratedAt());
    }

    @EventListener
    void on(ConsentRecorded recorded) {
        if (recorded.consent().accountId() != null) {
            reviews.changed(recorded.consent().accountId(), recorded.consent().recordedAt());
        }
    }
}
