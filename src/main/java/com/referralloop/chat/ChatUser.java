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
 * @param membership  whether the platform vouches for them as a member of the company's own workspace;
 *                    only the adapter that asked the platform can say so
 */
public record ChatUser(Platform platform, String id, String displayName, String email, Set<String> roles,
                       Membership membership) {

    /** What the platform says about a user's place in the company's workspace or server. */
    public enum Membership {
        /** A full member of the company's own workspace (or, on Discord, holder of the sales role). */
        MEMBER,
        /** A guest, an external (Slack Connect) user, a user of another workspace, a bot or a deactivated user. */
        OUTSIDER,
        /** Not looked up (or the lookup failed): treated as an outsider where membership matters. */
        UNKNOWN
    }

    public ChatUser {
        roles = roles == null ? Set.of() : Set.copyOf(roles);
        // the web pages sit behind the web login (or answer only on this machine): their users are the company's
        membership = membership != null ? membership : platform == Platform.WEB ? Membership.MEMBER : Membership.UNKNOWN;
    }

    public ChatUser(Platform platform, String id, String displayName, String email, Set<String> roles) {
        this(platform, id, displayName, email, roles, null);
    }

    public ChatUser(Platform platform, String id, String displayName, String email) {
        this(platform, id, displayName, email, Set.of(), null);
    }

    public static ChatUser system() {
        return new ChatUser(Platform.LOG, "system", "Referral Loop", null);
    }

    public ChatUser withMembership(Membership m) {
        return new ChatUser(platform, id, displayName, email, roles, m);
    }

    public String mention() {
        return displayName != null && !displayName.isBlank() ? displayName : id;
    }
}
