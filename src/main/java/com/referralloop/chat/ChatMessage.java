package com.referralloop.chat;

import java.util.List;

/**
 * A platform-neutral message that Slack (Block Kit), Discord (embeds) and the web render.
 *
 * @param title   a short headline
 * @param text    the body (may be long; each renderer cuts it to its platform's limits)
 * @param fields  labelled values
 * @param actions buttons
 * @param footer  small print such as the state and who acted last
 */
public record ChatMessage(String title, String text, List<ChatField> fields, List<ChatAction> actions, String footer) {

    public ChatMessage {
        fields = fields == null ? List.of() : List.copyOf(fields);
        actions = actions == null ? List.of() : List.copyOf(actions);
    }

    public static ChatMessage text(String text) {
        return new ChatMessage(null, text, List.of(), List.of(), null);
    }

    /** Plain-text rendering, for logs, email and tests. */
    public String plainText() {
        StringBuilder b = new StringBuilder();
        if (title != null) {
            b.append(title).append('\n');
        }
        if (text != null && !text.isBlank()) {
            b.append(text).append('\n');
        }
        fields.forEach(f -> b.append(f.label()).append(": ").append(f.value()).append('\n'));
        if (!actions.isEmpty()) {
            b.append('[');
            b.append(String.join("] [", actions.stream().map(ChatAction::label).toList()));
            b.append("]\n");
        }
        if (footer != null) {
            b.append(footer).append('\n');
        }
        return b.toString().trim();
    }
}
