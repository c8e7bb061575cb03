package com.referralloop.request;

import static com.referralloop.support.Strings.blankToNull;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of reference requests.
 *
 * @param discordSalesRole  a Discord role id whose holders may search and request; unset: any server member
 * @param adminChannel      where an unanswered request escalates last; unset: the default channel
 * @param approvalReminder  how long the owner has before a reminder; the manager, then the admins follow at the same pace
 * @param outcomeReminder   how long after the introduction the requester is reminded to record what happened
 * @param checkInterval     how often the reminder job runs
 */
@ConfigurationProperties("referral.requests")
public record RequestProperties(String discordSalesRole, String adminChannel, Duration approvalReminder,
                                Duration outcomeReminder, Duration checkInterval) {

    public RequestProperties {
        discordSalesRole = blankToNull(discordSalesRole);
        adminChannel = blankToNull(adminChannel);
        approvalReminder = approvalReminder == null ? Duration.ofDays(2) : approvalReminder;
        outcomeReminder = outcomeReminder == null ? Duration.ofDays(14) : outcomeReminder;
        checkInterval = checkInterval == null ? Duration.ofMinutes(5) : checkInterval;
        if (approvalReminder.isNegative() || approvalReminder.isZero() || outcomeReminder.isNegative()
                || outcomeReminder.isZero()) {
            throw new IllegalArgumentException("referral.requests reminders must be positive durations, e.g. 2d");
        }
    }
}
