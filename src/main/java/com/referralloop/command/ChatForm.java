package com.referralloop.command;

import java.util.List;

/**
 * A small form (Slack modal, Discord modal, web form). Its submission comes back as an
 * {@link ActionInvocation} with {@code actionId} = {@code submitActionId} and the inputs by field id.
 */
public record ChatForm(String title, String submitLabel, String submitActionId, String value, List<Field> fields) {

    public enum Type { TEXT, MULTILINE, SELECT, MULTISELECT, DATE }

    public record Field(String id, String label, Type type, List<String> options, boolean required, String hint) {

        public static Field text(String id, String label, boolean required) {
            return new Field(id, label, Type.TEXT, List.of(), required, null);
        }
    }
}
