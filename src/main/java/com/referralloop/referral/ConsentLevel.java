package com.referralloop.referral;

import com.referralloop.support.InvalidInputException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** How far a customer agreed to go, weakest first: each level includes what the ones before allow. */
public enum ConsentLevel {
    /** name or logo may be shown */
    PASSIVE(List.of("logo", "quote")),
    /** will talk to a prospect */
    ACTIVE(List.of("logo", "quote", "call")),
    /** recommends on their own; a rep may follow up */
    MARKETING(List.of("logo", "quote", "case-study", "call", "review-site")),
    /** brings prospects; may earn a commission */
    SALES(List.of("logo", "quote", "case-study", "call", "review-site"));

    private final List<String> defaultScope;

    ConsentLevel(List<String> defaultScope) {
        this.defaultScope = defaultScope;
    }

    /** The scope recorded when the rep names none. */
    public List<String> defaultScope() {
        return defaultScope;
    }

    public boolean atLeast(ConsentLevel other) {
        return compareTo(other) >= 0;
    }

    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ConsentLevel parse(String s) {
        if (s == null || s.isBlank()) {
            throw new InvalidInputException("missing level=; say one of " + words());
        }
        return Arrays.stream(values()).filter(l -> l.name().equalsIgnoreCase(s.trim())).findFirst()
                .orElseThrow(() -> new InvalidInputException("level must be one of " + words() + ", not '" + s + "'"));
    }

    public static String words() {
        return String.join("|", Arrays.stream(values()).map(ConsentLevel::word).toList());
    }
}
