package com.referralloop.feedback.provider;

import com.referralloop.feedback.WebhookRejectedException;
import com.referralloop.feedback.WebhookRequest;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** Small helpers for reading provider payloads with clear errors. */
final class JsonFields {

    private JsonFields() {
    }

    /** 415 unless the request says it is JSON; every provider that only sends JSON checks this. */
    static void requireJson(WebhookRequest request) {
        if (!request.isJson()) {
            throw new WebhookRejectedException(org.springframework.http.HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                    "Content-Type must be application/json");
        }
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

    /** A string, number or boolean as text; objects and arrays are never used (they could carry operators). */
    static String scalar(JsonNode node) {
        if (node == null || !node.isValueNode() || node.isNull()) {
            return null;
        }
        String s = node.asString();
        return s == null || s.isBlank() ? null : s.trim();
    }

    /** The first of {@code names} that holds a scalar in {@code parent}. */
    static String firstScalar(JsonNode parent, String... names) {
        if (parent == null || !parent.isObject()) {
            return null;
        }
        for (String name : names) {
            String s = scalar(parent.get(name));
            if (s != null) {
                return s;
            }
        }
        return null;
    }

    /** A provider's id for the answer: a string or number, at most {@code maxLength} characters; 400 otherwise. */
    static String requiredId(JsonNode node, String field, int maxLength) {
        if (node != null && !node.isNull() && !node.isMissingNode() && !node.isValueNode()) {
            throw WebhookRejectedException.badRequest("field '" + field + "' must be a string or number");
        }
        String s = scalar(node);
        if (s == null) {
            throw WebhookRejectedException.badRequest("field '" + field + "' is required");
        }
        if (s.length() > maxLength) {
            throw WebhookRejectedException.badRequest("field '" + field + "' is longer than " + maxLength + " characters");
        }
        return s;
    }

    private static final DateTimeFormatter SPACED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss[.SSS] Z");

    /**
     * When the customer answered, in whatever form the provider uses (Unix seconds or milliseconds,
     * ISO-8601 with or without offset, "2016-08-04 13:57:26 -0700"). It is informative only, so an
     * unreadable value is dropped rather than failing a real answer.
     */
    static Instant lenientInstant(JsonNode node) {
        String s = scalar(node);
        if (s == null) {
            return null;
        }
        if (s.matches("\\d{1,16}")) {
            long n = Long.parseLong(s);
            return n > 100_000_000_000L ? Instant.ofEpochMilli(n) : Instant.ofEpochSecond(n);
        }
        try {
            return OffsetDateTime.parse(s).toInstant();
        } catch (DateTimeParseException notOffset) {
            try {
                return Instant.parse(s);
            } catch (DateTimeParseException notInstant) {
                try {
                    return OffsetDateTime.parse(s, SPACED).toInstant();
                } catch (DateTimeParseException unreadable) {
                    return null;
                }
            }
        }
    }
}
