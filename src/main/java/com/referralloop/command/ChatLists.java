package com.referralloop.command;

/**
 * How a chat reply lists things: the first {@link #SHOWN} rows (one or two Block Kit sections of 3,000 characters,
 * far from a message's 50 blocks, and still readable on a phone), then one line that says how many more there are
 * and how to narrow the list.
 * Callers read {@code SHOWN + 1} rows and count the rest in MongoDB only when that extra row came.
 */
public final class ChatLists {

    public static final int SHOWN = 20;

    private ChatLists() {
    }

    /** "…and 37 more; narrow with …" — {@code count} is a number, or "more than 80" from a look-ahead. */
    public static String more(String count, String narrow) {
        return "…and " + count + " more; " + narrow + ".\n";
    }

    public static String more(long count, String narrow) {
        return more(Long.toString(count), narrow);
    }
}
