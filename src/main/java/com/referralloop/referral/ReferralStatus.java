package com.referralloop.referral;

import com.referralloop.support.InvalidInputException;
import java.util.Arrays;
import java.util.Locale;

/** Where a referred lead stands. */
public enum ReferralStatus {
    NEW, CONTACTED, QUALIFIED, WON, LOST;

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
