package com.referralloop.feedback;

/** Facts about feedback, handled by the follow-up feature. */
public final class FeedbackEvents {

    private FeedbackEvents() {
    }

    /**
     * A new answer was stored (not published again for updates of the same answer).
     *
     * @param feedback the answer as stored, so the follow-up can be opened without reading it back (may be null)
     */
    public record FeedbackReceived(String feedbackId, NpsCategory category, Feedback feedback) {

        public FeedbackReceived(String feedbackId, NpsCategory category) {
            this(feedbackId, category, null);
        }
    }
}
