package com.referralloop.command;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads short durations users type: 30m, 3h, 1d, 2w. */
public final class Durations {

    private static final Pattern FORM = Pattern.compile("(\\d{1,4})\\s*([mhdw])");

    private Durations() {
    }

    public static Duration parse(String text) {
        Matcher m = FORM.matcher(text.trim().toLowerCase());
        if (!m.matches()) {
            throw new CommandException("'" + text + "' is not a duration; write e.g. 3h, 1d or 1w");
        }
        long n = Long.parseLong(m.group(1));
        if (n == 0) {
            throw new CommandException("a duration must be more than zero");
        }
        return switch (m.group(2)) {
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            case "d" -> Duration.ofDays(n);
            default -> Duration.ofDays(7 * n);
        };
    }
}
