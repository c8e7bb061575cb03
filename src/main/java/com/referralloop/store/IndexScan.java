package com.referralloop.store;

import de.bwaldvogel.mongo.backend.KeyValue;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.h2.mvstore.MVMap;

/**
 * The key ranges of one {@link SecondaryIndex} that hold every document a query can match: equal values
 * on a leading run of the index's fields, then at most one range. Keys in the index end with the document's
 * position, so a range is bounded by prefixes and {@link IndexKeyType#AFTER_ALL}.
 */
final class IndexScan implements Candidates {

    /** The most key ranges one scan seeks ({@code $in} on two fields multiplies them). */
    private static final int MAX_RANGES = 2_000;

    private final String indexName;
    private final List<String> fields;
    private final MVMap<KeyValue, Object> map;
    private final List<KeyValue[]> ranges;
    private final Class<?> rangeClass;
    private final int rangeDepth;

    private IndexScan(String indexName, List<String> fields, MVMap<KeyValue, Object> map, List<KeyValue[]> ranges,
                      Class<?> rangeClass, int rangeDepth) {
        this.indexName = indexName;
        this.fields = fields;
        this.map = map;
        this.ranges = ranges;
        this.rangeClass = rangeClass;
        this.rangeDepth = rangeDepth;
    }

    /** The scan of this index for these conditions, or null when the index's first field has none. */
    static IndexScan plan(String indexName, MVMap<KeyValue, Object> map, List<String> fields, Map<String, KeyCondition> conditions) {
        List<List<Object>> prefixes = new ArrayList<>();
        prefixes.add(List.of());
        KeyCondition.Range range = null;
        for (String field : fields) {
            KeyCondition condition = conditions.get(field);
            if (condition instanceof KeyCondition.Equal equal && equal.values().isEmpty()) {
                return new IndexScan(indexName, fields, map, List.of(), null, 0); // $in of nothing: no document matches
            }
            if (condition instanceof KeyCondition.Equal equal
                    && (long) prefixes.size() * equal.values().size() <= MAX_RANGES) {
                prefixes = extend(prefixes, equal.values());
            } else {
                range = condition instanceof KeyCondition.Range r ? r : null;
                break;
            }
        }
        int depth = prefixes.get(0).size();
        if (depth == 0 && range == null) {
            return null;
        }
        List<KeyValue[]> ranges = new ArrayList<>(prefixes.size());
        for (List<Object> prefix : prefixes) {
            ranges.add(range == null ? prefixRange(prefix) : boundedRange(prefix, range));
        }
        Class<?> rangeClass = range == null ? null : range.boundClass();
        return new IndexScan(indexName, fields, map, ranges, rangeClass, depth);
    }

    @Override
    public String indexName() {
        return indexName;
    }

    /** How many index entries the scan reads: two seeks per range, whatever their size. */
    @Override
    public long entries() {
        long entries = 0;
        for (KeyValue[] range : ranges) {
            entries += Math.max(0, rank(range[1]) - rank(range[0]));
        }
        return entries;
    }

    /** The positions in the scanned ranges (a document may come more than once from a multikey index). */
    @Override
    public List<Object> positions() {
        List<Object> positions = new ArrayList<>();
        scannedKeys().forEach(key -> positions.add(key.get(key.size() - 1)));
        return positions;
    }

    @Override
    public List<IndexScan> scans() {
        return List.of(this);
    }

    /** How many key ranges it reads: one per value of an {@code $in}, and the values may repeat. */
    int ranges() {
        return ranges.size();
    }

    /** The index's fields, in the order of the values in its keys (the position follows them). */
    List<String> fields() {
        return fields;
    }

    /** Every key in the scanned ranges, in index order, read as the stream is consumed. */
    Stream<KeyValue> scannedKeys() {
        return ranges.stream().flatMap(range -> StreamSupport.stream(Spliterators.spliteratorUnknownSize(
                        map.cursor(range[0], range[1], false), Spliterator.ORDERED), false))
                // A one-sided range also passes keys of other types, ordered around its bound's; no query of a
                // range matches another type (a long too large for a double aside: the store holds none).
                .filter(key -> rangeClass == null || key.get(rangeDepth) != null && key.get(rangeDepth).getClass() == rangeClass);
    }

    /** The keys of a scan of one range (one field, or one prefix), in order or from the end. */
    Iterator<KeyValue> keys(boolean reverse) {
        KeyValue[] range = ranges.get(0);
        return reverse ? map.cursor(range[1], range[0], true) : map.cursor(range[0], range[1], false);
    }

    private long rank(KeyValue key) {
        if (key == null) {
            return 0;
        }
        long index = map.getKeyIndex(key);
        return index < 0 ? -(index + 1) : index;
    }

    private static List<List<Object>> extend(List<List<Object>> prefixes, List<Object> values) {
        List<List<Object>> extended = new ArrayList<>(prefixes.size() * values.size());
        for (List<Object> prefix : prefixes) {
            for (Object value : values) {
                List<Object> longer = new ArrayList<>(prefix);
                longer.add(value);
                extended.add(longer);
            }
        }
        return extended;
    }

    private static KeyValue[] prefixRange(List<Object> prefix) {
        return new KeyValue[] {new KeyValue(prefix), with(prefix, IndexKeyType.AFTER_ALL)};
    }

    /**
     * From the lower bound (or the prefix alone) to the upper bound (or past the prefix). A bound that is
     * inclusive reaches past every key holding that value, since keys go on with the position.
     */
    private static KeyValue[] boundedRange(List<Object> prefix, KeyCondition.Range range) {
        KeyValue from;
        if (range.lower() == null) {
            from = prefix.isEmpty() ? null : new KeyValue(prefix);
        } else {
            from = range.lowerInclusive() ? with(prefix, range.lower()) : with(prefix, range.lower(), IndexKeyType.AFTER_ALL);
        }
        KeyValue to;
        if (range.upper() == null) {
            to = with(prefix, IndexKeyType.AFTER_ALL);
        } else {
            to = range.upperInclusive() ? with(prefix, range.upper(), IndexKeyType.AFTER_ALL) : with(prefix, range.upper());
        }
        return new KeyValue[] {from, to};
    }

    private static KeyValue with(List<Object> prefix, Object... more) {
        List<Object> key = new ArrayList<>(prefix);
        key.addAll(List.of(more));
        return new KeyValue(key);
    }
}
