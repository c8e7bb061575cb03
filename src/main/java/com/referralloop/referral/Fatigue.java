package com.referralloop.referral;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

/**
 * The fatigue rule, free of storage: a contact may be asked {@code limit} times per calendar
 * quarter (UTC); quarters start on 1 January, 1 April, 1 July and 1 October.
 */
public final class Fatigue {

    private Fatigue() {
    }

    public static LocalDate quarterStart(LocalDate day) {
        int firstMonth = ((day.getMonthValue() - 1) / 3) * 3 + 1;
        return LocalDate.of(day.getYear(), firstMonth, 1);
    }

    public static Instant quarterStart(Instant now) {
        return quarterStart(LocalDate.ofInstant(now, ZoneOffset.UTC)).atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    public static Instant nextQuarterStart(Instant now) {
        return quarterStart(LocalDate.ofInstant(now, ZoneOffset.UTC)).plusMonths(3).atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /** How many of {@code askedAt} fall in the quarter of {@code now}. */
    public static long asksThisQuarter(List<Instant> askedAt, Instant now) {
        Instant from = quarterStart(now);
        Instant to = nextQuarterStart(now);
        return askedAt.stream().filter(a -> !a.isBefore(from) && a.isBefore(to)).count();
    }

    public static boolean overLimit(List<Instant> askedAt, Instant now, int limit) {
        return asksThisQuarter(askedAt, now) >= limit;
    }
}
