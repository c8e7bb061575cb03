package com.referralloop.program;

import com.referralloop.referral.RatingService;
import com.referralloop.sla.ReviewConfirmed;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** A "still valid" at the yearly review moves the rating's next review date, so it is not listed as due. */
@Component
class ReviewConfirmationBridge {

    private final RatingService ratings;

    ReviewConfirmationBridge(RatingService ratings) {
        this.ratings = ratings;
    }

    @EventListener
    void on(ReviewConfirmed confirmed) {
        ratings.confirmReview(confirmed.accountId(), confirmed.by(), confirmed.at());
    }
}
