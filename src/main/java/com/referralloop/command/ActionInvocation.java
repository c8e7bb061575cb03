package com.referralloop.command;

import com.referralloop.chat.ChatUser;
import java.util.Map;

/** A button click or form submission, platform-neutral: action id, its value, who, and form inputs. */
public record ActionInvocation(String actionId, String value, ChatUser user, Map<String, String> inputs) {

    public ActionInvocation {
        inputs = inputs == null ? Map.of() : Map.copyOf(inputs);
    }

    public String input(String id) {
        String v = inputs.get(id);
        return v == null || v.isBlank() ? null : v.trim();
    }
}
