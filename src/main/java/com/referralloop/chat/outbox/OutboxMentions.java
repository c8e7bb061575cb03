package com.referralloop.chat.outbox;

import com.referralloop.chat.ChatField;
import com.referralloop.chat.ChatMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The email addresses a queued message shows, lower-cased, stored with it so erasing a person finds the
 * copies that name them by an exact match on an index instead of a regex over every message's text.
 */
final class OutboxMentions {

    private static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)+");

    private OutboxMentions() {
    }

    static List<String> of(ChatMessage m) {
        TreeSet<String> found = new TreeSet<>();
        if (m != null) {
            add(found, m.title());
            add(found, m.text());
            for (ChatField f : m.fields()) {
                add(found, f.value());
            }
        }
        return new ArrayList<>(found);
    }

    private static void add(TreeSet<String> found, String text) {
        if (text == null) {
            return;
        }
        Matcher matcher = EMAIL.matcher(text);
        while (matcher.find()) {
            found.add(matcher.group().toLowerCase(Locale.ROOT));
        }
    }
}
