package com.referralloop.crm.salesforce;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * One record of a SOQL answer ({@code {"attributes": {...}, "Id": ..., "Owner": {"Email": ...}}}). A field
 * path may cross relationships ({@code Owner.Manager.Email}: a null relationship reads as no value); a value
 * that is not text where text is wanted, or a change time that is no date, becomes the record's problem.
 */
final class SalesforceRecord {

    /** How Salesforce writes datetimes: {@code 2026-11-01T09:30:00.000+0000}. */
    private static final DateTimeFormatter SALESFORCE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXX");

    private final JsonNode node;
    private String problem;

    SalesforceRecord(JsonNode node) {
        this.node = node;
    }

    String id() {
        return node.path("Id").asString(null);
    }

    /** The text at {@code path}, null when absent, null or blank; notes a problem when it is not a string. */
    String text(String path) {
        if (path == null) {
            return null;
        }
        JsonNode v = typed(path, JsonNode::isString, "text");
        return v == null || v.asString().isBlank() ? null : v.asString().trim();
    }

    Instant modifiedAt() {
        return modifiedAt("SystemModstamp");
    }

    /** The change time at {@code path} (a relationship's {@code ConvertedOpportunity.SystemModstamp}). */
    Instant modifiedAt(String path) {
        JsonNode v = at(path);
        Instant at = v.isString() ? instant(v.asString()) : null;
        if (at == null) {
            problem = "field " + path + " is not a date";
        }
        return at;
    }

    /** A checkbox at {@code path}: false when absent or null; notes a problem when it is no boolean. */
    boolean flag(String path) {
        JsonNode v = typed(path, JsonNode::isBoolean, "a checkbox");
        return v != null && v.asBoolean();
    }

    /** A number (a Currency field) at {@code path}, rounded to whole units; null when absent; a problem when no number. */
    Long number(String path) {
        JsonNode v = typed(path, JsonNode::isNumber, "a number");
        return v == null ? null : Math.round(v.asDouble());
    }

    /** The value at {@code path} when it has the wanted JSON type; null when absent, null or (a problem) of another type. */
    private JsonNode typed(String path, java.util.function.Predicate<JsonNode> wanted, String kind) {
        JsonNode v = at(path);
        if (v.isMissingNode() || v.isNull()) {
            return null;
        }
        if (!wanted.test(v)) {
            problem = "field " + path + " holds a " + v.getNodeType().name().toLowerCase(Locale.ROOT) + ", not " + kind;
            return null;
        }
        return v;
    }

    /** The node at a field path, crossing relationships; missing when a relationship on the way is null. */
    private JsonNode at(String path) {
        JsonNode v = node;
        for (String part : path.split("\\.")) {
            if (v.isNull()) {
                return v;
            }
            v = child(v, part);
        }
        return v;
    }

    /** Set once {@link #text} or {@link #modifiedAt} met a value of the wrong type. */
    String problem() {
        return problem;
    }

    static Instant instant(String s) {
        if (s == null || s.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(s, SALESFORCE).toInstant();
        } catch (DateTimeParseException notSalesforceForm) {
            try {
                return Instant.parse(s);
            } catch (DateTimeParseException e) {
                return null;
            }
        }
    }

    /** API names are case-insensitive in Salesforce: a configured name in another case still finds its field. */
    private static JsonNode child(JsonNode parent, String name) {
        JsonNode exact = parent.path(name);
        if (!exact.isMissingNode()) {
            return exact;
        }
        for (Map.Entry<String, JsonNode> e : parent.properties()) {
            if (e.getKey().equalsIgnoreCase(name)) {
                return e.getValue();
            }
        }
        return exact;
    }
}
