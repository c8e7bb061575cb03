package com.referralloop.chat;

import java.util.Set;

/**
 * Someone acting in chat, in platform-neutral form.
 *
 * @param platform    where they act
 * @param id          their id on that platform (Slack user id, Discord user id, web login)
 * @param displayName a name to show
 * @param email       their email when known (used to match account owners)
 * @param roles       group or role ids the platform reports for them (Slack user groups, Discord roles)
 */
public record ChatUser(Platform platform, String id, String displayName, String email, Set<String> roles) {

    public ChatUser {
        roles = roles == null ? Set.of() : Set.copyOf(roles);
    }

    public ChatUser(Platform platform, String id, String displayName, String email) {
        this(platform, id, displayName, email, Set.of());
    }

    public static ChatUser system() {
        return new ChatUser(Platform.LOG, "system", "Referral Loop", null);
    }

    public String mention() {
        return displayName != null && !displayName.isBlank() ? displayName : id;
    }
}
