package com.referralloop.crm.hubspot;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import tools.jackson.databind.JsonNode;

/**
 * One object of a HubSpot answer ({@code {id, properties: {...}, updatedAt}}). HubSpot sends every property
 * as a string; a value of another JSON type, or a change time that is no date, makes the record's problem.
 */
final class HubSpotRecord {

    private final JsonNode node;
    private final String changedProperty;
    private String problem;

    HubSpotRecord(JsonNode node, String changedProperty) {
        this.node = node;
        this.changedProperty = changedProperty;
    }

    String id() {
        return node.path("id").asString();
    }

    /** The property's text, null when absent or blank; notes a problem when it is not a string. */
    String text(String property) {
        if (property == null || property.isBlank()) {
            return null;
        }
        JsonNode v = node.path("properties").path(property);
        if (v.isMissingNode() || v.isNull()) {
            return null;
        }
        if (!v.isString()) {
            problem = "field " + property + " holds a " + v.getNodeType().name().toLowerCase(java.util.Locale.ROOT)
                    + ", not text";
            return null;
        }
        return v.asString().isBlank() ? null : v.asString();
    }

    /** A number HubSpot sends as text ("12500.5"), rounded to whole units; null when absent; a problem when no number. */
    Long amount(String property) {
        String v = text(property);
        if (v == null) {
            return null;
        }
        try {
            return new java.math.BigDecimal(v.trim()).setScale(0, java.math.RoundingMode.HALF_UP).longValueExact();
        } catch (NumberFormatException | ArithmeticException e) {
            problem = "field " + property + " is not a number";
            return null;
        }
    }

    Instant modifiedAt() {
        JsonNode v = node.path("properties").path(changedProperty);
        if (v.isMissingNode() || v.isNull()) {
            v = node.path("updatedAt");
        }
        Instant at = instant(v);
        if (at == null && !v.isMissingNode() && !v.isNull()) {
            problem = "field " + changedProperty + " is not a date";
        }
        return at;
    }

    /** Set once {@link #text} or {@link #modifiedAt} met a value of the wrong type. */
    String problem() {
        return problem;
    }

    /** An ISO-8601 instant or epoch milliseconds (HubSpot uses both), else null. */
    static Instant instant(JsonNode v) {
        if (v == null || v.isMissingNode() || v.isNull()) {
            return null;
        }
        String s = v.asString().trim();
        try {
            return s.chars().allMatch(Character::isDigit) && !s.isEmpty() ? Instant.ofEpochMilli(Long.parseLong(s)) : Instant.parse(s);
        } catch (DateTimeParseException | NumberFormatException e) {
            return null;
        }
    }
}
