package com.referralloop.feedback;

/** Facts about feedback, handled by the follow-up feature. */
public final class FeedbackEvents {

    private FeedbackEvents() {
    }

    /** A new answer was stored (not published again for updates of the same answer). */
    public record FeedbackReceived(String feedbackId, NpsCategory category) { }
}
