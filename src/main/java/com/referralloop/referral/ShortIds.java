package com.referralloop.referral;

import java.security.SecureRandom;

/** Short ids people can type in chat, e.g. R7KQ2MX: a prefix letter and six unambiguous characters. */
public final class ShortIds {

    private static final char[] ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private ShortIds() {
    }

    public static String next(char prefix) {
        StringBuilder b = new StringBuilder().append(prefix);
        for (int i = 0; i < 6; i++) {
            b.append(ALPHABET[RANDOM.nextInt(ALPHABET.length)]);
        }
        return b.toString();
    }

    /** Ids are shown upper case; users may type them in any case. */
    public static String normalise(String id) {
        return id == null ? null : id.trim().toUpperCase(java.util.Locale.ROOT);
    }
}
