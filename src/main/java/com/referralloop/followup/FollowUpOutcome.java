package com.referralloop.followup;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** How a follow-up was closed. The command word is what users type. */
public enum FollowUpOutcome {
    REFERRAL_ASKED("referral"),
    CONSENT_RECORDED("consent"),
    TESTIMONIAL_REQUESTED("testimonial"),
    DECLINED("declined"),
    RESOLVED("resolved"),
    NOT_SUITABLE("not-suitable");

    private final String word;

    FollowUpOutcome(String word) {
        this.word = word;
    }

    public String word() {
        return word;
    }

    public static Optional<FollowUpOutcome> parse(String s) {
        if (s == null) {
            return Optional.empty();
        }
        String t = s.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(o -> o.word.equals(t) || o.name().equalsIgnoreCase(t)).findFirst();
    }

    public static String words() {
        return String.join("|", Arrays.stream(values()).map(FollowUpOutcome::word).toList());
    }
}
