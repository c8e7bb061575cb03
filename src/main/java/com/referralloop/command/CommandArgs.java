package com.referralloop.command;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Tokenised command text: positional words and {@code key=value} options. Double or single quotes
 * (straight or typographic, as Slack clients insert them) group words; an unclosed quote is an error.
 */
public final class CommandArgs {

    private final List<String> positional;
    private final Map<String, String> options;

    private CommandArgs(List<String> positional, Map<String, String> options) {
        this.positional = positional;
        this.options = options;
    }

    public static CommandArgs parse(String text) {
        List<String> tokens = tokenize(text == null ? "" : text);
        List<String> positional = new ArrayList<>();
        Map<String, String> options = new LinkedHashMap<>();
        for (String t : tokens) {
            int eq = t.indexOf('=');
            if (eq > 0 && t.substring(0, eq).matches("[A-Za-z][A-Za-z0-9_-]*")) {
                String key = t.substring(0, eq).toLowerCase(Locale.ROOT);
                if (options.containsKey(key)) {
                    throw new CommandException("option " + key + "= is given twice");
                }
                options.put(key, unquote(t.substring(eq + 1)));
            } else {
                positional.add(t);
            }
        }
        return new CommandArgs(Collections.unmodifiableList(positional), Collections.unmodifiableMap(options));
    }

    static List<String> tokenize(String text) {
        String s = text.replace('\u201C', '"').replace('\u201D', '"').replace('\u2018', '\'').replace('\u2019', '\'')
                .replace('\u00A0', ' ');
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean inToken = false;
        char quote = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    cur.append(c);
                }
            } else if (c == '"' || (c == '\'' && (cur.length() == 0 || cur.charAt(cur.length() - 1) == '='))) {
                quote = c;
                inToken = true;
            } else if (Character.isWhitespace(c)) {
                if (inToken) {
                    out.add(cur.toString());
                    cur.setLength(0);
                    inToken = false;
                }
            } else {
                cur.append(c);
                inToken = true;
            }
        }
        if (quote != 0) {
            throw new CommandException("a quote (" + quote + ") is not closed");
        }
        if (inToken) {
            out.add(cur.toString());
        }
        return out;
    }

    private static String unquote(String v) {
        return v;
    }

    /** The same arguments without the first {@code n} positional words (the sub-command). */
    public CommandArgs dropFirst(int n) {
        return new CommandArgs(positional.subList(Math.min(n, positional.size()), positional.size()), options);
    }

    public List<String> positional() {
        return positional;
    }

    public String positional(int i) {
        return i < positional.size() ? positional.get(i) : null;
    }

    public Map<String, String> options() {
        return options;
    }

    public String option(String key) {
        String v = options.get(key);
        return v == null || v.isBlank() ? null : v.trim();
    }

    /** Refuses options the command does not know, naming them. */
    public void allowOnly(String... keys) {
        List<String> allowed = List.of(keys);
        for (String k : options.keySet()) {
            if (!allowed.contains(k)) {
                throw new CommandException("unknown option " + k + "=" + (allowed.isEmpty() ? "" : "; allowed: "
                        + String.join(", ", allowed.stream().map(a -> a + "=").toList())));
            }
        }
    }

    /** Refuses more positional words than expected. */
    public void atMost(int count) {
        if (positional.size() > count) {
            throw new CommandException("unexpected extra words: " + String.join(" ", positional.subList(count, positional.size())));
        }
    }

    /** The value, or a {@link CommandException} "missing &lt;what&gt;" that the router turns into a reply with the usage. */
    public static String required(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new CommandException("missing " + what);
        }
        return value;
    }
}
