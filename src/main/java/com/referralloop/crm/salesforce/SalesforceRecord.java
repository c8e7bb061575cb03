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
        JsonNode v = node;
        for (String part : path.split("\\.")) {
            v = child(v, part);
            if (v.isMissingNode() || v.isNull()) {
                return null;
            }
        }
        if (!v.isString()) {
            problem = "field " + path + " holds a " + v.getNodeType().name().toLowerCase(Locale.ROOT) + ", not text";
            return null;
        }
        return v.asString().isBlank() ? null : v.asString().trim();
    }

    Instant modifiedAt() {
        JsonNode v = node.path("SystemModstamp");
        Instant at = instant(v.asString(null));
        if (at == null) {
            problem = "field SystemModstamp is not a date";
        }
        return at;
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
