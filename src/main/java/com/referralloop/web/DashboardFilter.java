package com.referralloop.web;

import static com.referralloop.support.Strings.blankToNull;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * The dashboard's filters.
 *
 * @param from   start of the period (inclusive); answers are placed by when the customer answered
 * @param to     end of the period (exclusive)
 * @param period the period as chosen: 7d, 30d, 90d, 365d or all
 * @param owner  an account owner's email, or null for everyone
 * @param source a survey source, or null for all
 */
public record DashboardFilter(Instant from, Instant to, String period, String owner, String source) {

    public static final String DEFAULT_PERIOD = "90d";

    public static DashboardFilter of(String period, String owner, String source, Instant now) {
        String p = period == null || period.isBlank() ? DEFAULT_PERIOD : period.trim().toLowerCase(Locale.ROOT);
        Instant from = switch (p) {
            case "7d" -> now.minus(Duration.ofDays(7));
            case "30d" -> now.minus(Duration.ofDays(30));
            case "90d" -> now.minus(Duration.ofDays(90));
            case "365d" -> now.minus(Duration.ofDays(365));
            case "all" -> Instant.EPOCH;
            default -> throw new com.referralloop.support.InvalidInputException("period must be 7d, 30d, 90d, 365d or all, not '" + period + "'");
        };
        return new DashboardFilter(from, now.plusSeconds(1), p, blankToNull(owner), blankToNull(source));
    }
}
