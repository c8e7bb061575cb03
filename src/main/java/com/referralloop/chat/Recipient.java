package com.referralloop.chat;

/**
 * Who should receive a message, before any platform is chosen.
 *
 * @param role    an account owner (a DM), a channel, or the unassigned queue
 * @param channel a channel id for CHANNEL
 */
public record Recipient(Role role, String email, String slackUserId, String discordUserId, String channel,
                        String accountId) {

    public enum Role { OWNER, CHANNEL, UNASSIGNED }

    public static Recipient owner(String email, String slackUserId, String discordUserId, String accountId) {
        return new Recipient(Role.OWNER, email, slackUserId, discordUserId, null, accountId);
    }

    public static Recipient channel(String channel, String accountId) {
        return new Recipient(Role.CHANNEL, null, null, null, channel, accountId);
    }

    public static Recipient unassigned() {
        return new Recipient(Role.UNASSIGNED, null, null, null, null, null);
    }
}
