package com.referralloop.referral;

import com.referralloop.support.InvalidInputException;
import java.util.Arrays;
import java.util.Locale;

/** Where a referred lead stands. */
public enum ReferralStatus {
    NEW, CONTACTED, QUALIFIED, WON, LOST;

    /**
     * Whether a move from this status to {@code to} goes forward, as the CRM's word may move a referral: open
     * steps in order, LOST after any open step, WON after anything but WON. A won referral is never set back,
     * and a lost one is only reopened by winning it.
     */
    public boolean movesForwardTo(ReferralStatus to) {
        return to != null && rank(to) > rank(this);
    }

    private static int rank(ReferralStatus s) {
        return switch (s) {
            case NEW -> 0;
            case CONTACTED -> 1;
            case QUALIFIED -> 2;
            case LOST -> 3;
            case WON -> 4;
        };
    }

    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ReferralStatus parse(String s) {
        return Arrays.stream(values()).filter(v -> s != null && v.name().equalsIgnoreCase(s.trim())).findFirst()
                .orElseThrow(() -> new InvalidInputException("status must be one of " + words() + ", not '" + s + "'"));
    }

    public static String words() {
        return String.join("|", Arrays.stream(values()).map(ReferralStatus::word).toList());
    }
}
