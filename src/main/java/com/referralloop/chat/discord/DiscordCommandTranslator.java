package com.referralloop.chat.discord;

import com.referralloop.chat.discord.DiscordCommandDefinitions.Opt;
import com.referralloop.chat.discord.DiscordCommandDefinitions.Sub;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Turns a Discord invocation (sub-command plus typed option values) back into the text grammar the
 * command layer reads, so Discord, Slack and the web share one parser. User options arrive as
 * {@code <@id>} mentions; values with spaces or quotes are quoted so the tokenizer keeps them whole.
 */
final class DiscordCommandTranslator {

    private DiscordCommandTranslator() {
    }

    /**
     * @param options option name to its value as text; absent options are simply missing
     */
    static String toText(String command, String group, String subcommand, Map<String, String> options) {
        List<String> words = new ArrayList<>();
        if (group != null) {
            words.add(group);
        }
        if (subcommand == null) {
            return String.join(" ", words);
        }
        words.add(subcommand);
        Sub sub = DiscordCommandDefinitions.find(command, group, subcommand).orElse(null);
        if (sub == null) {
            // a command Discord still caches from an older registration: pass what we have, the router explains
            options.forEach((k, v) -> words.add(k + "=" + quote(v)));
            return String.join(" ", words);
        }
        for (Opt o : sub.options()) {
            String v = options.get(o.name());
            if (o.key() == null && present(v)) {
                words.add(quote(v));
            }
        }
        for (Opt o : sub.options()) {
            String v = options.get(o.name());
            if (o.key() != null && present(v)) {
                words.add(o.key() + "=" + quote(v));
            }
        }
        return String.join(" ", words);
    }

    private static boolean present(String v) {
        return v != null && !v.isBlank();
    }

    static String quote(String raw) {
        String v = raw.trim().replace('\u201C', '"').replace('\u201D', '"').replace('\u2018', '\'').replace('\u2019', '\'');
        boolean needs = v.chars().anyMatch(c -> Character.isWhitespace(c) || c == '"' || c == '\'');
        if (!needs) {
            return v;
        }
        if (!v.contains("\"")) {
            return "\"" + v + "\"";
        }
        if (!v.contains("'")) {
            return "'" + v + "'";
        }
        // both kinds inside: the grammar has no escape, so keep the words and soften the double quotes
        return "\"" + v.replace('"', '\'') + "\"";
    }
}
