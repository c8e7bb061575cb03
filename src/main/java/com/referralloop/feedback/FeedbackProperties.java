package com.referralloop.feedback;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Webhook secrets (one per provider) and limits. A provider whose secret is unset refuses every
 * request with 401, so an unconfigured endpoint cannot be used to inject feedback.
 */
@ConfigurationProperties("referral.feedback")
public record FeedbackProperties(String webhookSecret, String delightedSecret, String typeformSecret,
                                 String wootricSecret, String asknicelySecret, String formbricksSecret,
                                 Duration tolerance, Boolean passiveFollowUp) {

    public FeedbackProperties {
        tolerance = tolerance == null ? Duration.ofMinutes(5) : tolerance;
        passiveFollowUp = passiveFollowUp != null && passiveFollowUp;
    }

    @Override
    public String toString() {
        return "FeedbackProperties[secrets hidden, tolerance=" + tolerance + "]";
    }
}
