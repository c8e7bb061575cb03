package com.referralloop.feedback.provider;

import com.referralloop.feedback.WebhookRejectedException;
import com.referralloop.feedback.WebhookRequest;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** Small helpers for reading provider payloads with clear errors. */
final class JsonFields {

    private JsonFields() {
    }

    static JsonNode parseObject(ObjectMapper json, WebhookRequest request) {
        JsonNode node;
        try {
            node = json.readTree(request.body());
        } catch (JacksonException e) {
            throw WebhookRejectedException.badRequest("body is not valid JSON: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            throw WebhookRejectedException.badRequest("body must be a JSON object");
        }
        return node;
    }

    static String text(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        String s = node.isValueNode() ? node.asString() : node.toString();
        return s == null || s.isBlank() ? null : s;
    }

    /** A 0-10 score from a number or numeric string; 400 naming the field otherwise. */
    static Integer score(JsonNode node, String field, boolean required) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            if (required) {
                throw WebhookRejectedException.badRequest("field '" + field + "' is required (a number from 0 to 10)");
            }
            return null;
        }
        int value;
        if (node.isIntegralNumber()) {
            value = node.asInt();
            if (node.asLong() != value) {
                throw WebhookRejectedException.badRequest("field '" + field + "' must be between 0 and 10");
            }
        } else if (node.isString() && node.asString().trim().matches("-?\\d{1,3}")) {
            value = Integer.parseInt(node.asString().trim());
        } else {
            throw WebhookRejectedException.badRequest("field '" + field + "' must be a whole number from 0 to 10");
        }
        if (value < 0 || value > 10) {
            throw WebhookRejectedException.badRequest("field '" + field + "' must be between 0 and 10, was " + value);
        }
        return value;
    }

    static Instant instant(JsonNode node, String field) {
        String s = text(node);
        if (s == null) {
            return null;
        }
        if (node.isNumber()) {
            return Instant.ofEpochSecond(node.asLong());
        }
        try {
            return Instant.parse(s);
        } catch (DateTimeParseException e) {
            throw WebhookRejectedException.badRequest("field '" + field + "' must be an ISO-8601 instant such as 2026-11-25T10:00:00Z");
        }
    }

    static String required(JsonNode node, String field, int maxLength) {
        String s = text(node);
        if (s == null) {
            throw WebhookRejectedException.badRequest("field '" + field + "' is required");
        }
        if (s.length() > maxLength) {
            throw WebhookRejectedException.badRequest("field '" + field + "' is longer than " + maxLength + " characters");
        }
        return s;
    }
}
