package com.referralloop.crm.salesforce;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The part of SOQL the stub understands, strictly: a SELECT of fields (and relationship paths Owner.*,
 * Owner.Manager.*, MasterRecord.*, ConvertedOpportunity.*) FROM one object, WHERE conditions joined by AND
 * ({@code <datetime path> >= <datetime>}, {@code <path> = true|false}, {@code <path> = '<literal>'} compared
 * without case as Salesforce compares text, {@code <path> != null}), ORDER BY a change time [DESC][, Id] and
 * LIMIT. Anything else, or a field the object lacks, is refused as Salesforce refuses it (400 with
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
    private static final String PATH = "([A-Za-z]\\w*(?:\\.[A-Za-z]\\w*)*)";
    private static final Pattern SINCE = Pattern.compile(PATH + " >= (\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ)");
    private static final Pattern FLAG = Pattern.compile(PATH + " = (true|false)");
    private static final Pattern TEXT = Pattern.compile(PATH + " = '((?:[^'\\\\]|\\\\.)*)'");
    private static final Pattern NOT_NULL = Pattern.compile(PATH + " != null");
    private static final Pattern ORDER = Pattern.compile(PATH + "( DESC)?(, Id)?");

    final String object;
    final List<String> fields;
    final boolean deletedOnly;
    final boolean descending;
    final int limit;
    private final String stamp;
    /** Each condition, on a record and the stub's stores (a relationship path reads the related record). */
    private final List<Condition> conditions = new ArrayList<>();

    private interface Condition {
        boolean test(StubRecord r, Function<String, Map<String, StubRecord>> stores);
    }

    StubSoql(String soql, Map<String, ? extends Collection<String>> describe) {
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
        boolean deleted = false;
        if (m.group(3) != null) {
            for (String c : m.group(3).split(" AND ")) {
                deleted |= c.trim().equals("IsDeleted = true");
                conditions.add(condition(c.trim(), describe));
            }
        }
        Matcher order = m.group(4) == null ? null : ORDER.matcher(m.group(4));
        if (order == null || !order.matches() || !order.group(1).endsWith("SystemModstamp")
                || (order.group(2) == null) == (order.group(3) == null)) {
            throw new Refused("MALFORMED_QUERY", "the stub orders by a SystemModstamp, then Id (or DESC), not " + m.group(4));
        }
        checkField(object, order.group(1), describe);
        stamp = order.group(1);
        deletedOnly = deleted;
        descending = order.group(2) != null;
        limit = m.group(5) == null ? Integer.MAX_VALUE : Integer.parseInt(m.group(5));
    }

    private Condition condition(String c, Map<String, ? extends Collection<String>> describe) {
        Matcher since = SINCE.matcher(c);
        Matcher flag = FLAG.matcher(c);
        Matcher text = TEXT.matcher(c);
        Matcher notNull = NOT_NULL.matcher(c);
        if (since.matches()) {
            checkField(object, since.group(1), describe);
            Instant from = Instant.parse(since.group(2));
            return (r, stores) -> value(r, since.group(1), stores) instanceof Instant t && !t.isBefore(from);
        }
        if (flag.matches()) {
            checkField(object, flag.group(1), describe);
            boolean wanted = Boolean.parseBoolean(flag.group(2));
            return (r, stores) -> Boolean.valueOf(wanted).equals(value(r, flag.group(1), stores) == null ? Boolean.FALSE
                    : value(r, flag.group(1), stores));
        }
        if (text.matches()) {
            checkField(object, text.group(1), describe);
            String wanted = text.group(2).replaceAll("\\\\(.)", "$1");
            return (r, stores) -> wanted.equalsIgnoreCase(String.valueOf(value(r, text.group(1), stores)));
        }
        if (notNull.matches()) {
            checkField(object, notNull.group(1), describe);
            return (r, stores) -> value(r, notNull.group(1), stores) != null;
        }
        throw new Refused("MALFORMED_QUERY", "the stub does not know the condition " + c);
    }

    /** The object a relationship of {@code from} leads to, and the lookup field holding the related id. */
    private static String[] relationship(String from, String name) {
        return switch (name) {
            case "Owner" -> new String[] {"User", "OwnerId"};
            case "Manager" -> new String[] {"User", "ManagerId"};
            case "MasterRecord" -> new String[] {from, "MasterRecordId"};
            case "ConvertedOpportunity" -> new String[] {"Opportunity", "ConvertedOpportunityId"};
            default -> throw new Refused("INVALID_FIELD", "Didn't understand relationship '" + name + "' in field path.");
        };
    }

    private static void checkField(String object, String path, Map<String, ? extends Collection<String>> describe) {
        String[] parts = path.split("\\.");
        String type = object;
        for (int i = 0; i < parts.length - 1; i++) {
            type = relationship(type, parts[i])[0];
        }
        String last = parts[parts.length - 1];
        if (describe.get(type).stream().noneMatch(last::equalsIgnoreCase)) {
            throw new Refused("INVALID_FIELD", "No such column '" + last + "' on entity '" + type + "'.");
        }
    }

    /** The value at a path of a record, following relationships; null when a lookup on the way is empty. */
    private Object value(StubRecord r, String path, Function<String, Map<String, StubRecord>> stores) {
        String[] parts = path.split("\\.");
        StubRecord at = r;
        String type = object;
        for (int i = 0; i < parts.length - 1 && at != null; i++) {
            String[] rel = relationship(type, parts[i]);
            Object id = at.get(rel[1]);
            type = rel[0];
            at = id == null ? null : stores.apply(type).get(id.toString());
        }
        return at == null ? null : at.get(parts[parts.length - 1]);
    }

    /** The matching records of {@code all}, sorted, limited, each with the selected fields (relationships nested). */
    List<Map<String, Object>> run(Collection<StubRecord> all, boolean includeDeleted,
                                  Function<String, Map<String, StubRecord>> stores) {
        Predicate<StubRecord> keep = r -> (includeDeleted || !r.deleted()) && (!deletedOnly || r.deleted())
                && conditions.stream().allMatch(c -> c.test(r, stores));
        Comparator<StubRecord> byStamp = Comparator.comparing((StubRecord r) -> (Instant) value(r, stamp, stores),
                Comparator.nullsFirst(Comparator.naturalOrder())).thenComparing(StubRecord::id);
        List<Map<String, Object>> out = new ArrayList<>();
        all.stream().filter(keep).sorted(descending ? byStamp.reversed() : byStamp).limit(limit)
                .forEach(r -> out.add(select(r, stores)));
        return out;
    }

    private Map<String, Object> select(StubRecord r, Function<String, Map<String, StubRecord>> stores) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("attributes", StubRecord.attributes(object, r.id()));
        for (String path : fields) {
            put(row, r, object, path.split("\\."), 0, stores);
        }
        return row;
    }

    /** Writes one path into the row: a relationship becomes a nested record, or null when the lookup is empty. */
    @SuppressWarnings("unchecked")
    private static void put(Map<String, Object> row, StubRecord r, String type, String[] path, int at,
                            Function<String, Map<String, StubRecord>> stores) {
        if (at == path.length - 1) {
            row.put(r.canonical(path[at]), r.json(path[at]));
            return;
        }
        String[] rel = relationship(type, path[at]);
        Object id = r.get(rel[1]);
        StubRecord target = id == null ? null : stores.apply(rel[0]).get(id.toString());
        if (target == null) {
            row.put(path[at], null);
            return;
        }
        Object existing = row.get(path[at]);
        Map<String, Object> nested = existing instanceof Map<?, ?> m ? (Map<String, Object>) m : new LinkedHashMap<>();
        nested.putIfAbsent("attributes", StubRecord.attributes(rel[0], target.id()));
        row.put(path[at], nested);
        put(nested, target, rel[0], path, at + 1, stores);
    }
}
