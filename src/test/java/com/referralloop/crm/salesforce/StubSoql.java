package com.referralloop.crm.salesforce;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The part of SOQL the stub understands, strictly: a SELECT of fields (and relationship paths Owner.*,
 * Owner.Manager.*, MasterRecord.*) FROM one object, WHERE conditions joined by AND ({@code SystemModstamp >=
 * <datetime>}, {@code IsDeleted = true}, {@code Email = '<literal>'}), ORDER BY SystemModstamp [DESC][, Id]
 * and LIMIT. Anything else, or a field the object lacks, is refused as Salesforce refuses it (400 with
 * MALFORMED_QUERY or INVALID_FIELD), so a query the adapter gets wrong fails here too.
 */
final class StubSoql {

    /** A refused query: the Salesforce error code and message. */
    static final class Refused extends RuntimeException {
        final String code;

        Refused(String code, String message) {
            super(message);
            this.code = code;
        }
    }

    private static final Pattern QUERY = Pattern.compile(
            "SELECT (.+?) FROM (\\w+)(?: WHERE (.+?))?(?: ORDER BY (.+?))?(?: LIMIT (\\d+))?");
    private static final Pattern SINCE = Pattern.compile("SystemModstamp >= (\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ)");
    private static final Pattern EMAIL = Pattern.compile("Email = '((?:[^'\\\\]|\\\\.)*)'");

    final String object;
    final List<String> fields;
    final Instant since;
    final boolean deletedOnly;
    final String email;
    final boolean descending;
    final int limit;

    StubSoql(String soql, Map<String, ? extends java.util.Collection<String>> describe) {
        Matcher m = QUERY.matcher(soql.trim());
        if (!m.matches()) {
            throw new Refused("MALFORMED_QUERY", "unexpected token in: " + soql);
        }
        object = m.group(2);
        if (!describe.containsKey(object)) {
            throw new Refused("INVALID_TYPE", "sObject type '" + object + "' is not supported.");
        }
        fields = new ArrayList<>();
        for (String f : m.group(1).split(",")) {
            String field = f.trim();
            if (fields.stream().anyMatch(field::equalsIgnoreCase)) {
                throw new Refused("MALFORMED_QUERY", "duplicate field selected: " + field);
            }
            checkField(object, field, describe);
            fields.add(field);
        }
        Instant from = null;
        boolean deleted = false;
        String byEmail = null;
        if (m.group(3) != null) {
            for (String c : m.group(3).split(" AND ")) {
                Matcher s = SINCE.matcher(c.trim());
                Matcher e = EMAIL.matcher(c.trim());
                if (s.matches()) {
                    from = Instant.parse(s.group(1));
                } else if (c.trim().equals("IsDeleted = true")) {
                    deleted = true;
                } else if (e.matches()) {
                    byEmail = e.group(1).replaceAll("\\\\(.)", "$1");
                } else {
                    throw new Refused("MALFORMED_QUERY", "the stub does not know the condition " + c);
                }
            }
        }
        String order = m.group(4);
        if (order == null || !(order.equals("SystemModstamp, Id") || order.equals("SystemModstamp DESC"))) {
            throw new Refused("MALFORMED_QUERY", "the stub orders by SystemModstamp only, not " + order);
        }
        since = from;
        deletedOnly = deleted;
        email = byEmail;
        descending = order.endsWith("DESC");
        limit = m.group(5) == null ? Integer.MAX_VALUE : Integer.parseInt(m.group(5));
    }

    private static void checkField(String object, String path, Map<String, ? extends java.util.Collection<String>> describe) {
        String[] parts = path.split("\\.");
        String type = object;
        for (int i = 0; i < parts.length - 1; i++) {
            type = switch (parts[i]) {
                case "Owner", "Manager" -> "User";
                case "MasterRecord" -> object;
                default -> throw new Refused("INVALID_FIELD", "Didn't understand relationship '" + parts[i] + "' in field path.");
            };
        }
        String last = parts[parts.length - 1];
        if (describe.get(type).stream().noneMatch(last::equalsIgnoreCase)) {
            throw new Refused("INVALID_FIELD", "No such column '" + last + "' on entity '" + type + "'.");
        }
    }

    /** The matching records of {@code all}, sorted, limited, each with the selected fields (relationships nested). */
    List<Map<String, Object>> run(java.util.Collection<StubRecord> all, boolean includeDeleted, Map<String, StubRecord> users,
                                  Map<String, StubRecord> sameObject) {
        Predicate<StubRecord> keep = r -> (includeDeleted || !r.deleted()) && (!deletedOnly || r.deleted())
                && (since == null || !r.modstamp().isBefore(since))
                && (email == null || email.equalsIgnoreCase(String.valueOf(r.get("Email"))));
        Comparator<StubRecord> byStamp = Comparator.comparing(StubRecord::modstamp).thenComparing(StubRecord::id);
        List<Map<String, Object>> out = new ArrayList<>();
        all.stream().filter(keep).sorted(descending ? byStamp.reversed() : byStamp).limit(limit)
                .forEach(r -> out.add(select(r, users, sameObject)));
        return out;
    }

    private Map<String, Object> select(StubRecord r, Map<String, StubRecord> users, Map<String, StubRecord> sameObject) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("attributes", StubRecord.attributes(object, r.id()));
        for (String path : fields) {
            put(row, r, path.split("\\."), 0, users, sameObject);
        }
        return row;
    }

    /** Writes one path into the row: a relationship becomes a nested record, or null when the lookup is empty. */
    @SuppressWarnings("unchecked")
    private static void put(Map<String, Object> row, StubRecord r, String[] path, int at, Map<String, StubRecord> users,
                            Map<String, StubRecord> sameObject) {
        if (at == path.length - 1) {
            row.put(r.canonical(path[at]), r.json(path[at]));
            return;
        }
        String rel = path[at];
        String lookup = switch (rel) {
            case "Owner" -> "OwnerId";
            case "Manager" -> "ManagerId";
            default -> "MasterRecordId";
        };
        Object id = r.get(lookup);
        StubRecord target = id == null ? null : (rel.equals("MasterRecord") ? sameObject : users).get(id.toString());
        if (target == null) {
            row.put(rel, null);
            return;
        }
        Object existing = row.get(rel);
        Map<String, Object> nested = existing instanceof Map<?, ?> m ? (Map<String, Object>) m : new LinkedHashMap<>();
        nested.putIfAbsent("attributes", StubRecord.attributes(rel.equals("MasterRecord") ? "Contact" : "User", target.id()));
        row.put(rel, nested);
        put(nested, target, path, at + 1, users, sameObject);
    }
}
