package com.referralloop.chat;

/**
 * Where a message is delivered.
 *
 * @param platform    the sender that delivers it
 * @param destination a channel id, a user id (a DM), an email address, or a queue name
 * @param threadRef   the message to reply under or to update, when there is one
 */
public record ChatTarget(Platform platform, String destination, String threadRef) {

    public static ChatTarget of(Platform platform, String destination) {
        return new ChatTarget(platform, destination, null);
    }

    /** A DM to a user: Slack takes the user id as the channel; Discord needs {@code dm:<userId>} to open the DM first. */
    public static ChatTarget direct(Platform platform, String userId) {
        return of(platform, platform == Platform.DISCORD ? "dm:" + userId : userId);
    }
}
