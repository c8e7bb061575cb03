package com.referralloop.referral;

import com.referralloop.support.InvalidInputException;
import java.util.Arrays;
import java.util.List;

/** The reference rating of an account, with what each grade means. */
public enum RatingGrade {
    A("A", "win as referrer"),
    ONE("1", "could become an A"),
    B("B", "observe; conditions defined"),
    TWO("2", "conditions met, agreed"),
    C("C", "not considered, although a project qualifies"),
    D("D", "not eligible");

    /** Who is offered first in a reference search; D is never offered. */
    static final List<RatingGrade> SEARCH_ORDER = List.of(A, ONE, TWO, B, C);

    private final String code;
    private final String meaning;

    RatingGrade(String code, String meaning) {
        this.code = code;
        this.meaning = meaning;
    }

    public String code() {
        return code;
    }

    public String meaning() {
        return meaning;
    }

    /** e.g. "1 (could become an A)". */
    public String describe() {
        return code + " (" + meaning + ")";
    }

    /** Rank in a search: lower is better; unrated accounts come after C. */
    /** The grades a reference search offers, best first (D is never offered). */
    public static List<RatingGrade> searchOrder() {
        return SEARCH_ORDER;
    }

    public static int searchRank(RatingGrade g) {
        return g == null ? SEARCH_ORDER.size() : SEARCH_ORDER.indexOf(g) < 0 ? Integer.MAX_VALUE : SEARCH_ORDER.indexOf(g);
    }

    public static RatingGrade parse(String s) {
        if (s == null || s.isBlank()) {
            throw new InvalidInputException("missing the rating; say one of " + codes());
        }
        return Arrays.stream(values()).filter(g -> g.code.equalsIgnoreCase(s.trim())).findFirst()
                .orElseThrow(() -> new InvalidInputException("rating must be one of " + codes() + ", not '" + s + "'"));
    }

    public static String codes() {
        return String.join("|", Arrays.stream(values()).map(RatingGrade::code).toList());
    }
}
