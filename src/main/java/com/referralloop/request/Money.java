package com.referralloop.request;

import com.referralloop.support.InvalidInputException;
import java.math.BigDecimal;
import java.util.Locale;

/** Deal values as people type them ({@code 24000}, {@code 24k}, {@code 1.5m}, {@code 24,000}), in whole units. */
public final class Money {

    private Money() {
    }

    static Long parse(String raw, String option) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String s = raw.trim().toLowerCase(Locale.ROOT).replace(",", "").replace("_", "").replaceAll("^[$€£]", "");
        long factor = 1;
        if (s.endsWith("k")) {
            factor = 1_000;
            s = s.substring(0, s.length() - 1);
        } else if (s.endsWith("m")) {
            factor = 1_000_000;
            s = s.substring(0, s.length() - 1);
        }
        BigDecimal v;
        try {
            v = new BigDecimal(s).multiply(BigDecimal.valueOf(factor));
        } catch (NumberFormatException e) {
            throw new InvalidInputException(option + raw + " is not an amount; type e.g. " + option + "24000 or " + option + "24k");
        }
        if (v.signum() < 0) {
            throw new InvalidInputException(option + raw + " is negative; a deal value is 0 or more, e.g. " + option + "24k");
        }
        if (v.compareTo(BigDecimal.valueOf(1_000_000_000_000L)) > 0) {
            throw new InvalidInputException(option + raw + " is more than a deal can be worth here");
        }
        return v.setScale(0, java.math.RoundingMode.HALF_UP).longValueExact();
    }

    /** Whole currency units with thousands separators, as every reply and the dashboard print them. */
    public static String format(long amount) {
        return String.format(Locale.ROOT, "%,d", amount);
    }
}
