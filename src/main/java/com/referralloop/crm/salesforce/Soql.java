package com.referralloop.crm.salesforce;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.regex.Pattern;

/** SOQL text: field names checked before they go into a query, string literals escaped, datetimes in SOQL's form. */
final class Soql {

    private static final Pattern FIELD = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,79}(\\.[A-Za-z][A-Za-z0-9_]{0,79}){0,4}");

    private Soql() {
    }

    /** A configured field name, refused at start-up when it is not an API name (it goes into queries as it is). */
    static String field(String name, String setting) {
        if (name != null && !FIELD.matcher(name).matches()) {
            throw new IllegalArgumentException(setting + " must be a Salesforce field API name such as Slack_User_Id__c, not "
                    + name);
        }
        return name;
    }

    /** A quoted string literal: backslash, quote and control characters escaped as SOQL documents. */
    static String literal(String value) {
        StringBuilder out = new StringBuilder("'");
        for (char c : value.toCharArray()) {
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\'' -> out.append("\\'");
                case '"' -> out.append("\\\"");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> out.append(c);
            }
        }
        return out.append('\'').toString();
    }

    /**
     * A datetime literal in UTC, whole seconds, rounded down: a record changed in the same second is read
     * again, which the sync's upsert shrugs off.
     */
    static String datetime(Instant at) {
        return at.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    /** SELECT the given fields (null ones left out) FROM object [WHERE conditions] ORDER BY SystemModstamp, Id. */
    static String changedSince(List<String> fields, String object, Instant since, String... conditions) {
        return changedSince(fields, object, "SystemModstamp", since, conditions);
    }

    /** The same, ordered by and read from another change time ({@code ConvertedOpportunity.SystemModstamp}). */
    static String changedSince(List<String> fields, String object, String stamp, Instant since, String... conditions) {
        StringBuilder where = new StringBuilder();
        for (String c : conditions) {
            where.append(where.isEmpty() ? "" : " AND ").append(c);
        }
        if (since != null) {
            where.append(where.isEmpty() ? "" : " AND ").append(stamp).append(" >= ").append(datetime(since));
        }
        java.util.Set<String> selected = new java.util.TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        // a field named twice (a mapping onto a standard field) is refused by Salesforce: select it once
        List<String> select = fields.stream().filter(f -> f != null && selected.add(f)).toList();
        return "SELECT " + String.join(", ", select) + " FROM " + object
                + (where.isEmpty() ? "" : " WHERE " + where) + " ORDER BY " + stamp + ", Id";
    }

    /** The path of a query ({@code query}) or of one that includes deleted records ({@code queryAll}). */
    static String path(SalesforceApi api, String resource, String soql) {
        return api.data("/" + resource + "?q=" + URLEncoder.encode(soql, StandardCharsets.UTF_8));
    }
}
