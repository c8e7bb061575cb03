package com.referralloop.support;

import java.util.regex.Pattern;

/** Keeps personal data out of log lines: emails are masked to their first letter and domain. */
public final class LogSafe {

    private static final Pattern EMAIL = Pattern.compile("([A-Za-z0-9._%+-])[A-Za-z0-9._%+-]*@([A-Za-z0-9.-]+)");

    private LogSafe() {
    }

    /** "alice@acme.com" becomes "a***@acme.com". */
    public static String email(String email) {
        if (email == null) {
            return null;
        }
        return mask(email);
    }

    /** Masks every email address inside free text. */
    public static String mask(String text) {
        return text == null ? null : EMAIL.matcher(text).replaceAll("$1***@$2");
    }
}
