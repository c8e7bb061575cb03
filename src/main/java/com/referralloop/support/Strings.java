package com.referralloop.support;

/** Small text helpers shared by settings and command parsing. */
public final class Strings {

    private Strings() {
    }

    /** Null for null or blank (an empty environment variable counts as unset), else the trimmed text. */
    public static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
