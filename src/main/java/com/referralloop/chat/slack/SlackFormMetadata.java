package com.referralloop.chat.slack;

import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a modal must remember until it is submitted, kept in the view's {@code private_metadata}
 * (Slack stores it and gives it back, at most 3,000 characters): the action to run, its value,
 * and where to answer.
 *
 * @param tracked true when the form was opened from a message the outbox keeps up to date
 */
record SlackFormMetadata(String action, String value, String responseUrl, String channel, boolean tracked) {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    static final int MAX = 3000;

    String toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("a", action);
        m.put("v", value);
        m.put("t", tracked);
        if (channel != null) {
            m.put("c", channel);
        }
        if (responseUrl != null) {
            m.put("r", responseUrl);
        }
        String json = JSON.writeValueAsString(m);
        if (json.length() > MAX) {
            m.remove("r");
            json = JSON.writeValueAsString(m);
        }
        if (json.length() > MAX) {
            throw new IllegalArgumentException("form value too long for a Slack modal");
        }
        return json;
    }

    static SlackFormMetadata parse(String json) {
        if (json == null || json.isBlank()) {
            return null;
        }
        try {
            JsonNode n = JSON.readTree(json);
            if (!n.path("a").isString()) {
                return null;
            }
            return new SlackFormMetadata(n.path("a").asString(), n.path("v").isString() ? n.path("v").asString() : null,
                    n.path("r").isString() ? n.path("r").asString() : null,
                    n.path("c").isString() ? n.path("c").asString() : null, n.path("t").asBoolean(false));
        } catch (JacksonException e) {
            return null;
        }
    }
}
