package com.referralloop.chat;

/**
 * Someone acting in chat, in platform-neutral form.
 *
 * @param platform    where they act
 * @param id          their id on that platform (Slack user id, Discord user id, web login)
 * @param displayName a name to show
 * @param email       their email when known (used to match account owners)
 */
public record ChatUser(Platform platform, String id, String displayName, String email) {

    public static ChatUser system() {
        return new ChatUser(Platform.LOG, "system", "Referral Loop", null);
    }

    public String mention() {
        return displayName != null && !displayName.isBlank() ? displayName : id;
    }
}
