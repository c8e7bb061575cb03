package com.referralloop.store;

import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.bson.Document;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The first documents of a sorted query with a limit ("the newest 100", "the oldest 500 past retention"), read
 * in the order of an index on the sort's first field instead of sorting every match. The walk reads entries
 * until it has as many matches as asked for and every document that ties with the last one; the caller then
 * sorts those few by the whole sort.
 * <p>
 * With a range on the sort field the walk covers that range, both ways. Without a condition on it, only a
 * descending walk of the whole index is correct: documents without the field have no entry and sort first
 * ascending, last descending. The walk gives up (null: sort in memory) when it would read more than a few
 * times what it expects to, when running out of entries could leave such documents out, or when the field
 * holds several types (MongoDB orders types differently).
 */
final class SortedWalk {

    /** The most documents a sorted query reads in index order; a deeper page is sorted in memory. */
    static final int MAX_WANTED = 10_000;

    private final Iterator<KeyValue> keys;
    private final Class<?> rangeClass;
    private final boolean wholeIndex;
    private final long maxEntries;

    private SortedWalk(Iterator<KeyValue> keys, Class<?> rangeClass, boolean wholeIndex, long maxEntries) {
        this.keys = keys;
        this.rangeClass = rangeClass;
        this.wholeIndex = wholeIndex;
        this.maxEntries = maxEntries;
    }

    /**
     * The walk for this sort, or null when none applies or when the filter's own scan ({@code filterEntries}
     * entries, or the whole collection) is expected to read less.
     */
    static SortedWalk plan(List<SecondaryIndex> indexes, Map<String, KeyCondition> conditions, Document orderBy, int wanted,
                           long filterEntries, boolean filterScanned) {
        if (orderBy == null || orderBy.isEmpty() || wanted <= 0 || wanted > MAX_WANTED
                || !(orderBy.values().iterator().next() instanceof Number direction)) {
            return null;
        }
        boolean descending = direction.intValue() < 0;
        String field = orderBy.keySet().iterator().next();
        SecondaryIndex index = indexes.stream().filter(i -> i.firstField().equals(field)).findFirst().orElse(null);
        if (index == null) {
            return null;
        }
        KeyCondition condition = conditions.get(field);
        IndexScan range = condition instanceof KeyCondition.Range ? index.plan(Map.of(field, condition)) : null;
        if (range == null && !descending) {
            return null;
        }
        long walked = Math.max(1, range != null ? range.entries() : index.getCount());
        long expected = wanted * walked / Math.max(1, filterEntries);
        if (filterScanned && expected >= filterEntries) {
            return null;
        }
        Iterator<KeyValue> keys = range != null ? range.keys(descending) : index.descending();
        Class<?> rangeClass = range != null ? ((KeyCondition.Range) condition).boundClass() : null;
        return new SortedWalk(keys, rangeClass, range == null, Math.max(4 * expected, 2_000));
    }

    /** The documents found, in position order (so the caller's stable sort breaks ties as a scan's does), or null. */
    List<Document> read(int wanted, Function<Object, Document> documents, Predicate<Document> matches) {
        List<Document> found = new ArrayList<>(wanted);
        List<Object> positions = new ArrayList<>(wanted);
        Set<Object> seen = new HashSet<>();
        Class<?> type = rangeClass;
        Object last = null;
        long read = 0;
        while (keys.hasNext()) {
            KeyValue key = keys.next();
            Object value = key.get(0);
            if (type == null) {
                type = value.getClass();
            } else if (value.getClass() != type) {
                if (wholeIndex) {
                    return null;
                }
                continue; // a range also passes keys of other types, which no range query matches
            }
            if (found.size() >= wanted && StoredValues.compare(value, last) != 0) {
                return inPositionOrder(found, positions);
            }
            if (++read > maxEntries) {
                return null;
            }
            Object position = key.get(key.size() - 1);
            if (seen.add(position)) {
                Document document = documents.apply(position);
                if (document != null && matches.test(document)) {
                    found.add(document);
                    positions.add(position);
                    last = value;
                }
            }
        }
        return found.size() >= wanted || !wholeIndex ? inPositionOrder(found, positions) : null;
    }

    private static List<Document> inPositionOrder(List<Document> found, List<Object> positions) {
        Integer[] order = new Integer[found.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> StoredValues.compare(positions.get(a), positions.get(b)));
        List<Document> sorted = new ArrayList<>(order.length);
        for (int i : order) {
            sorted.add(found.get(i));
        }
        return sorted;
    }
}
