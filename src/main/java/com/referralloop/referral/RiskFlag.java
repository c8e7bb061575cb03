package com.referralloop.referral;

import com.referralloop.support.InvalidInputException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** Why a reference could hurt: the customer's reputation, hygiene, relationship, repeat purchase, economics. */
public enum RiskFlag {
    POLITICAL, HYGIENE, RELATIONSHIP, REPEAT_PURCHASE, ECONOMIC;

    public String word() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static List<RiskFlag> parseList(String raw) {
        List<RiskFlag> out = new ArrayList<>();
        if (raw == null || raw.isBlank() || raw.trim().equalsIgnoreCase("none")) {
            return out;
        }
        for (String p : raw.split("[,;\\s]+")) {
            if (p.isBlank()) {
                continue;
            }
            RiskFlag f = Arrays.stream(values()).filter(r -> r.word().equalsIgnoreCase(p.trim())).findFirst()
                    .orElseThrow(() -> new InvalidInputException("unknown risk '" + p + "'; allowed: " + words()));
            if (!out.contains(f)) {
                out.add(f);
            }
        }
        return out;
    }

    public static String words() {
        return String.join(",", Arrays.stream(values()).map(RiskFlag::word).toList());
    }
}
