package com.referralloop.chat.slack;

import java.util.regex.Pattern;

/**
 * How a Slack destination is written in the outbox: a channel id or name, a user id (sent as a
 * DM), or {@code email:<address>#<accountId>} when only the owner's email is known yet.
 */
final class SlackDestinations {

    private static final Pattern USER_ID = Pattern.compile("^[UW][A-Z0-9]{2,}$");
    private static final String EMAIL = "email:";

    private SlackDestinations() {
    }

    static String byEmail(String email, String accountId) {
        return EMAIL + email + "#" + (accountId == null ? "" : accountId);
    }

    static boolean isEmail(String destination) {
        return destination.startsWith(EMAIL);
    }

    static String email(String destination) {
        String rest = destination.substring(EMAIL.length());
        int hash = rest.lastIndexOf('#');
        return hash < 0 ? rest : rest.substring(0, hash);
    }

    static String accountId(String destination) {
        int hash = destination.lastIndexOf('#');
        return hash < 0 || hash == destination.length() - 1 ? null : destination.substring(hash + 1);
    }

    static boolean isUser(String destination) {
        return USER_ID.matcher(destination).matches();
    }
}
