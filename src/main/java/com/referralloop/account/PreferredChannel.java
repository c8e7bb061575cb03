package com.referralloop.account;

import java.util.Locale;

/** How a contact prefers to be reached. */
public enum PreferredChannel {
    EMAIL, SLACK, DISCORD, PHONE, NONE;

    public static PreferredChannel parse(String s) {
        if (s == null || s.isBlank()) {
            return null;
        }
        try {
            return valueOf(s.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("preferred channel must be one of email, slack, discord, phone, none");
        }
    }
}
