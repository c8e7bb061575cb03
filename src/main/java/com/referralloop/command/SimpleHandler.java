package com.referralloop.command;

import com.referralloop.chat.ChatUser;
import java.util.function.BiFunction;

/** A command handler made from a usage line and a function; most sub-commands need no more. */
public record SimpleHandler(String command, String subcommand, String usage, String summary,
                            BiFunction<CommandArgs, ChatUser, ChatReply> body) implements CommandHandler {

    @Override
    public ChatReply handle(CommandArgs args, ChatUser user) {
        return body.apply(args, user);
    }
}
