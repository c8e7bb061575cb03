package com.referralloop.chat;

/**
 * A button. {@code id} names the action (e.g. {@code followup.ask-referral}); {@code value} carries
 * the subject it acts on (e.g. the follow-up id), so any front end can route the click back.
 */
public record ChatAction(String id, String label, String value, Style style) {

    public enum Style { PRIMARY, DEFAULT, DANGER }

    public static ChatAction of(String id, String label, String value) {
        return new ChatAction(id, label, value, Style.DEFAULT);
    }
}
