package com.referralloop.command;

import com.referralloop.chat.ChatUser;

/**
 * A slash command as any front end received it.
 *
 * @param command the command without slash, e.g. "referral"
 * @param text    everything after it, e.g. {@code consent alice@acme.com level=active}
 */
public record ChatCommand(String command, String text, ChatUser user) {
}
