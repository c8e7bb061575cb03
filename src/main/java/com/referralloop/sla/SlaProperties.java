package com.referralloop.sla;

import static com.referralloop.support.Strings.blankToNull;

import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Timers of the closed loop: reminders, escalation, yearly reviews, and the customer-reply channel.
 * The due times per kind stay in {@code referral.followup}.
 *
 * @param reminderAt          share of the due time after which the owner is reminded (0.75 = at 75%)
 * @param secondEscalation    share of the due time after the deadline at which level 2 (customer success) follows
 * @param checkInterval       how often the SLA timers run
 * @param reviewPeriod        a rating and consent come up for review this long after the last review; the same
 *                            setting as the rating's next review date ({@code REFERRAL_REVIEW_INTERVAL}, a year)
 * @param consentRenewalWindow a consent expiring within this window prompts a renewal
 * @param emailReplySecret    Standard Webhooks secret of {@code POST /webhooks/email-reply}; unset refuses every request
 * @param replyTokenKey       server key of the HMAC reply tokens; unset: a random key kept in MongoDB
 * @param replyDomain         domain of the reply-to address {@code reply+<token>@<domain>} on customer emails
 */
@ConfigurationProperties("referral.sla")
public record SlaProperties(Double reminderAt, Double secondEscalation, Duration checkInterval, Period reviewPeriod,
                            Duration consentRenewalWindow, String emailReplySecret, String replyTokenKey,
                            String replyDomain) {

    public SlaProperties {
        reminderAt = reminderAt == null ? 0.75 : reminderAt;
        if (reminderAt <= 0 || reminderAt >= 1) {
            throw new IllegalArgumentException("referral.sla.reminder-at must be between 0 and 1, e.g. 0.75");
        }
        secondEscalation = secondEscalation == null ? 0.5 : secondEscalation;
        if (secondEscalation < 0) {
            throw new IllegalArgumentException("referral.sla.second-escalation must not be negative");
        }
        checkInterval = checkInterval == null ? Duration.ofMinutes(1) : checkInterval;
        reviewPeriod = reviewPeriod == null || reviewPeriod.isZero() ? Period.ofYears(1) : reviewPeriod;
        if (reviewPeriod.isNegative()) {
            throw new IllegalArgumentException("REFERRAL_REVIEW_INTERVAL must be positive, e.g. P1Y or 6m");
        }
        consentRenewalWindow = consentRenewalWindow == null ? Duration.ofDays(30) : consentRenewalWindow;
        emailReplySecret = blankToNull(emailReplySecret);
        replyTokenKey = blankToNull(replyTokenKey);
        replyDomain = blankToNull(replyDomain);
    }

    /** How long before the deadline the reminder goes out, for a follow-up due {@code due} after it opened. */
    public Duration reminderLead(Duration due) {
        return Duration.ofMillis(Math.round(due.toMillis() * (1 - reminderAt)));
    }

    /** When a review done at {@code last} is due again: calendar arithmetic (UTC), as the rating's next review date. */
    public Instant reviewDueAfter(Instant last) {
        return last.atZone(ZoneOffset.UTC).plus(reviewPeriod).toInstant();
    }

    /** The review period in words, e.g. "1 year" or "6 months". */
    public String reviewPeriodInWords() {
        StringBuilder words = new StringBuilder();
        appendUnit(words, reviewPeriod.getYears(), "year");
        appendUnit(words, reviewPeriod.getMonths(), "month");
        appendUnit(words, reviewPeriod.getDays(), "day");
        return words.toString();
    }

    private static void appendUnit(StringBuilder words, int n, String unit) {
        if (n != 0) {
            words.append(words.isEmpty() ? "" : " ").append(n).append(' ').append(unit).append(n == 1 ? "" : "s");
        }
    }

    /** How long after the deadline level 2 follows level 1. */
    public Duration secondEscalationAfter(Duration due) {
        return Duration.ofMillis(Math.round(due.toMillis() * secondEscalation));
    }

    @Override
    public String toString() {
        return "SlaProperties[reminderAt=" + reminderAt + ", secondEscalation=" + secondEscalation
                + ", reviewPeriod=" + reviewPeriod + ", secrets hidden]";
    }
}
