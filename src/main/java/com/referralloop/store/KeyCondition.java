package com.referralloop.store;

import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.ObjectId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What a query's condition on one field lets a {@link SecondaryIndex} narrow the search to: some values, or a
 * range. An index only ever proposes candidates, which the collection then matches against the whole query, so
 * a condition may be wider than the query but never narrower. Anything whose meaning is not plain
 * equality or order (null, which also matches a missing field; arrays; documents; regular expressions;
 * {@code $ne}, {@code $exists}…) gives no condition, and the index is not used for that field.
 */
sealed interface KeyCondition {

    /** The field equals one of these values (normalised as index keys are). */
    record Equal(List<Object> values) implements KeyCondition {
    }

    /** The field lies within these bounds; a null bound is open. Both bounds are of one class. */
    record Range(Object lower, boolean lowerInclusive, Object upper, boolean upperInclusive) implements KeyCondition {

        Class<?> boundClass() {
            return (lower != null ? lower : upper).getClass();
        }
    }

    /** The largest {@code $in} list used as index seeks; a longer one is matched by scanning. */
    int MAX_VALUES = 1_000;

    /**
     * The usable condition of every field the query constrains at its top level, inside a top-level
     * {@code $and}, or in every branch of a top-level {@code $or} (the union of the branches: a page cursor's
     * "before this time, or at it with a smaller id"). Other top-level operators ({@code $expr}…) are left out:
     * they only narrow the result further, since a query's top-level entries all hold at once.
     */
    static Map<String, KeyCondition> of(Document query) {
        Map<String, KeyCondition> conditions = new HashMap<>();
        collect(query, conditions);
        return conditions;
    }

    private static void collect(Document query, Map<String, KeyCondition> conditions) {
        for (Map.Entry<String, Object> entry : query.entrySet()) {
            String key = entry.getKey();
            if (key.equals("$and") && entry.getValue() instanceof Collection<?> parts) {
                for (Object part : parts) {
                    if (part instanceof Document document) {
                        collect(document, conditions);
                    }
                }
            } else if (key.equals("$or") && entry.getValue() instanceof Collection<?> branches) {
                union(branches).forEach(conditions::putIfAbsent);
            } else if (!key.startsWith("$")) {
                KeyCondition condition = ofField(entry.getValue());
                if (condition != null) {
                    conditions.putIfAbsent(key, condition);
                }
            }
        }
    }

    private static Map<String, KeyCondition> union(Collection<?> branches) {
        Map<String, KeyCondition> union = null;
        for (Object branch : branches) {
            if (!(branch instanceof Document document)) {
                return Map.of();
            }
            Map<String, KeyCondition> each = of(document);
            if (union == null) {
                union = each;
            } else {
                Map<String, KeyCondition> both = new HashMap<>();
                for (Map.Entry<String, KeyCondition> field : union.entrySet()) {
                    KeyCondition wider = either(field.getValue(), each.get(field.getKey()));
                    if (wider != null) {
                        both.put(field.getKey(), wider);
                    }
                }
                union = both;
            }
        }
        return union == null ? Map.of() : union;
    }

    /** A condition that holds wherever either holds, or null when there is none to use. */
    private static KeyCondition either(KeyCondition a, KeyCondition b) {
        if (a == null || b == null) {
            return null;
        }
        if (a instanceof Equal x && b instanceof Equal y) {
            List<Object> values = new ArrayList<>(x.values());
            values.addAll(y.values());
            return values.size() <= MAX_VALUES ? new Equal(values) : null;
        }
        Range x = asRange(a);
        Range y = asRange(b);
        if (x == null || y == null || x.boundClass() != y.boundClass()) {
            return null;
        }
        Object lower = null;
        boolean lowerInclusive = false;
        if (x.lower() != null && y.lower() != null) {
            int order = StoredValues.compare(x.lower(), y.lower());
            lower = order <= 0 ? x.lower() : y.lower();
            lowerInclusive = order < 0 ? x.lowerInclusive() : order > 0 ? y.lowerInclusive() : x.lowerInclusive() || y.lowerInclusive();
        }
        Object upper = null;
        boolean upperInclusive = false;
        if (x.upper() != null && y.upper() != null) {
            int order = StoredValues.compare(x.upper(), y.upper());
            upper = order >= 0 ? x.upper() : y.upper();
            upperInclusive = order > 0 ? x.upperInclusive() : order < 0 ? y.upperInclusive() : x.upperInclusive() || y.upperInclusive();
        }
        return lower == null && upper == null ? null : new Range(lower, lowerInclusive, upper, upperInclusive);
    }

    /** A range holding the condition: an equality to one value that could bound a range is [value, value]. */
    private static Range asRange(KeyCondition condition) {
        if (condition instanceof Range range) {
            return range;
        }
        List<Object> values = ((Equal) condition).values();
        if (values.size() != 1 || rangeKey(values.get(0)) == null) {
            return null;
        }
        return new Range(values.get(0), true, values.get(0), true);
    }

    private static KeyCondition ofField(Object condition) {
        if (!(condition instanceof Document operators)) {
            Object value = key(condition);
            return value == null ? null : new Equal(List.of(value));
        }
        if (operators.isEmpty() || !operators.keySet().stream().allMatch(name -> name.startsWith("$"))) {
            return null;
        }
        if (operators.containsKey("$eq")) {
            Object value = key(operators.get("$eq"));
            if (value != null) {
                return new Equal(List.of(value));
            }
        }
        if (operators.get("$in") instanceof Collection<?> values && values.size() <= MAX_VALUES) {
            List<Object> keys = new ArrayList<>(values.size());
            for (Object value : values) {
                Object normalised = key(value);
                if (normalised == null) {
                    keys = null;
                    break;
                }
                keys.add(normalised);
            }
            if (keys != null) {
                return new Equal(keys);
            }
        }
        return range(operators);
    }

    private static Range range(Document operators) {
        Object lower = null;
        boolean lowerInclusive = false;
        if (operators.containsKey("$gte")) {
            lower = rangeKey(operators.get("$gte"));
            lowerInclusive = true;
        } else if (operators.containsKey("$gt")) {
            lower = rangeKey(operators.get("$gt"));
        }
        Object upper = null;
        boolean upperInclusive = false;
        if (operators.containsKey("$lte")) {
            upper = rangeKey(operators.get("$lte"));
            upperInclusive = true;
        } else if (operators.containsKey("$lt")) {
            upper = rangeKey(operators.get("$lt"));
        }
        if (lower == null && upper == null) {
            return null;
        }
        if (lower != null && upper != null && lower.getClass() != upper.getClass()) {
            return null;
        }
        return new Range(lower, lowerInclusive, upper, upperInclusive);
    }

    /**
     * A query value as the index holds it (numbers as doubles, as mongo-java-server normalises keys), or null
     * when equality to it is not a plain key look-up.
     */
    private static Object key(Object value) {
        if (value instanceof String || value instanceof Boolean || value instanceof ObjectId || value instanceof Instant
                || value instanceof UUID) {
            return value;
        }
        return number(value);
    }

    /**
     * A range bound: numbers, times and object ids only. Strings are left out: Java orders them by UTF-16
     * units, MongoDB by UTF-8 bytes, and the two differ above the basic plane.
     */
    private static Object rangeKey(Object value) {
        if (value instanceof Instant || value instanceof ObjectId) {
            return value;
        }
        return number(value);
    }

    private static Object number(Object value) {
        if (value instanceof Integer || value instanceof Double || value instanceof Short || value instanceof Byte
                || value instanceof Float) {
            double number = ((Number) value).doubleValue();
            return Double.isNaN(number) ? null : number == 0.0 ? 0.0 : number;
        }
        if (value instanceof Long number && (double) number == number && (long) (double) number == number) {
            return number.doubleValue();
        }
        return null;
    }
}
