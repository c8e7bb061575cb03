package com.referralloop.store;

import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.bson.Document;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The first documents of a query sorted descending on an indexed field ("the newest 100"), read from the
 * index's end instead of sorting the whole collection. It reads entries until it has as many matches as
 * asked for and every document that ties with the last one; the caller then sorts those few by the whole
 * sort. It gives up (null: sort in memory) when the answer could lie elsewhere: documents without the field
 * sort last, so running out of entries means they may be needed; a field holding values of several types
 * is ordered differently by MongoDB; and a filter that matches too few entries makes the walk a scan.
 */
final class NewestFirst {

    private NewestFirst() {
    }

    static List<Document> read(SecondaryIndex index, int wanted, long maxEntries, Function<Object, Document> documents,
                               Predicate<Document> matches) {
        Iterator<KeyValue> keys = index.descending();
        List<Document> found = new ArrayList<>(wanted);
        List<Object> positions = new ArrayList<>(wanted);
        Set<Object> seen = new HashSet<>();
        Class<?> type = null;
        Object last = null;
        long read = 0;
        while (keys.hasNext()) {
            KeyValue key = keys.next();
            Object value = key.get(0);
            if (type == null) {
                type = value.getClass();
            } else if (value.getClass() != type) {
                return null;
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
        return found.size() >= wanted ? inPositionOrder(found, positions) : null;
    }

    /** The documents in the order a scan meets them, so that the caller's stable sort breaks ties as a scan's does. */
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
