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
    }

    /** The largest {@code $in} list used as index seeks; a longer one is matched by scanning. */
    int MAX_VALUES = 1_000;

    /**
     * The usable condition of every field the query constrains at its top level or inside a top-level
     * {@code $and}. Other top-level operators ({@code $or}, {@code $expr}…) are left out: they only narrow
     * the result further, since a query's top-level entries all hold at once.
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
            } else if (!key.startsWith("$")) {
                KeyCondition condition = ofField(entry.getValue());
                if (condition != null) {
                    conditions.putIfAbsent(key, condition);
                }
            }
        }
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
