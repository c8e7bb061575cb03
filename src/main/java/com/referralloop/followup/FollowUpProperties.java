package com.referralloop.followup;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Service levels and routing.
 *
 * @param promoterDue      time to act on a promoter
 * @param detractorDue     time to act on a detractor
 * @param unassignedTarget destination of follow-ups with no owner (a channel; the default channel of the platform)
 */
@ConfigurationProperties("referral.followup")
public record FollowUpProperties(Duration promoterDue, Duration detractorDue, Duration passiveDue,
                                 String unassignedTarget) {

    public FollowUpProperties {
        promoterDue = promoterDue == null ? Duration.ofHours(48) : promoterDue;
        detractorDue = detractorDue == null ? Duration.ofHours(24) : detractorDue;
        passiveDue = passiveDue == null ? Duration.ofHours(72) : passiveDue;
        unassignedTarget = unassignedTarget == null || unassignedTarget.isBlank() ? "unassigned" : unassignedTarget;
    }

    public Duration dueFor(FollowUpKind kind) {
        return switch (kind) {
            case PROMOTER -> promoterDue;
            case DETRACTOR -> detractorDue;
            case PASSIVE -> passiveDue;
        };
    }
}
