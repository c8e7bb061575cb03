package com.referralloop.referral;

import com.referralloop.support.InvalidInputException;
import java.util.Arrays;
import java.util.Locale;

/** How a reference request ended. */
public enum RequestOutcome {
    WON, LOST, DECLINED, DONE;

    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static RequestOutcome parse(String s) {
        return Arrays.stream(values()).filter(o -> s != null && o.name().equalsIgnoreCase(s.trim())).findFirst()
                .orElseThrow(() -> new InvalidInputException("outcome must be one of " + words() + ", not '" + s + "'"));
    }

    public static String words() {
        return String.join("|", Arrays.stream(values()).map(RequestOutcome::word).toList());
    }
}
