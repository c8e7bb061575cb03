package com.referralloop.support;

import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** Reads an HTTP Retry-After header: seconds or an HTTP date; missing or odd values mean 30 s, never more than an hour. */
public final class RetryAfter {

    public static final Duration DEFAULT = Duration.ofSeconds(30);
    private static final Duration MAX = Duration.ofHours(1);

    private RetryAfter() {
    }

    public static Duration parse(String header, Clock clock) {
        if (header == null || header.isBlank()) {
            return DEFAULT;
        }
        Duration wait;
        try {
            wait = Duration.ofSeconds(Long.parseLong(header.trim()));
        } catch (NumberFormatException notSeconds) {
            try {
                wait = Duration.between(clock.instant(), ZonedDateTime.parse(header.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
            } catch (DateTimeParseException e) {
                return DEFAULT;
            }
        }
        if (wait.isNegative()) {
            return Duration.ZERO;
        }
        return wait.compareTo(MAX) > 0 ? MAX : wait;
    }
}
