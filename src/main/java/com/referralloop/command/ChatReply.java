package com.referralloop.command;

import com.referralloop.chat.ChatMessage;

/**
 * The answer to a command or action: a text (ephemeral: only the asker sees it), optionally a rich
 * message, or a form to open.
 */
public record ChatReply(String text, boolean ephemeral, ChatMessage message, ChatForm form, boolean error) {

    public static ChatReply ephemeral(String text) {
        return new ChatReply(text, true, null, null, false);
    }

    public static ChatReply error(String text) {
        return new ChatReply(text, true, null, null, true);
    }

    public static ChatReply inChannel(String text) {
        return new ChatReply(text, false, null, null, false);
    }

    public static ChatReply message(ChatMessage message, boolean ephemeral) {
        return new ChatReply(message.plainText(), ephemeral, message, null, false);
    }

    public static ChatReply form(ChatForm form) {
        return new ChatReply(form.title(), true, null, form, false);
    }
}
