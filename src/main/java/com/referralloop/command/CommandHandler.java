package com.referralloop.command;

import com.referralloop.chat.ChatUser;

/**
 * One sub-command, e.g. {@code referral consent}. Handlers are Spring beans; the router finds them
 * by {@link #command()} and {@link #subcommand()}.
 */
public interface CommandHandler {

    /** "referral", "testimonial", "reference" or "followup". */
    String command();

    /** e.g. "consent"; "project add" for two-word sub-commands. */
    String subcommand();

    /** The right form, e.g. {@code /referral consent <contact> level=<...>}. */
    String usage();

    /** One line saying what it does. */
    String summary();

    ChatReply handle(CommandArgs args, ChatUser user);
}
