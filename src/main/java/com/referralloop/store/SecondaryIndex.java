package com.referralloop.store;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.backend.Utils;
import de.bwaldvogel.mongo.bson.Document;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.h2.mvstore.MVMap;

/**
 * A non-unique index of the embedded store, kept in the file next to the documents. mongo-java-server
 * ignores non-unique indexes (it logs "not yet implemented" and scans the collection for every query), so
 * each query on an owner, a time or a status read the whole collection; and at every start it read each
 * collection twice per such index, to fill an index that kept nothing.
 * <p>
 * Each entry is (the document's key values…, its position), so one document has one entry per key value
 * (several for an array field) and a query reads the entries of the values it asks for. The index only
 * proposes candidates ({@link IndexScan}); the collection ({@link IndexedCollection}) matches them against the
 * whole query. Documents whose first key field is missing or null have no entry: no query that this index
 * serves matches them.
 */
final class SecondaryIndex extends Index<Object> {

    private static final Object PRESENT = Missing.getInstance();

    /** Set in the collection's meta map when the index was built by a version that tracks {@link #MULTIKEY}. */
    static final String TRACKED = "keys tracked index ";
    /** Set in the collection's meta map once any document gave the index an array value (one entry per element). */
    static final String MULTIKEY = "multikey index ";

    private final MVMap<KeyValue, Object> map;
    private final MVMap<String, Object> meta;
    private volatile boolean multikey;

    SecondaryIndex(MVMap<KeyValue, Object> map, MVMap<String, Object> meta, String name, List<IndexKey> keys, boolean sparse) {
        super(name, keys, sparse);
        this.map = map;
        this.meta = meta;
        this.multikey = Boolean.TRUE.equals(meta.get(MULTIKEY + name));
    }

    /**
     * Whether each document has at most one entry whose key values are its fields' values as stored (numbers
     * normalised to doubles, null for missing), so that a query touching only the key's fields can be answered
     * from the entries alone ({@link CoveredRead}). Not for an index built before the store tracked arrays.
     */
    boolean coversItsFields() {
        return !multikey && Boolean.TRUE.equals(meta.get(TRACKED + getName()))
                && keys().stream().noneMatch(field -> field.contains("."));
    }

    /** The index's fields, in key order. */
    List<String> fields() {
        return keys();
    }

    /** Called when the index is (re)built from nothing: from then on, arrays are tracked. */
    void startTracking() {
        meta.remove(MULTIKEY + getName());
        multikey = false;
        meta.put(TRACKED + getName(), Boolean.TRUE);
    }

    /** The scan this index offers for a query's conditions, or null when it has none. */
    IndexScan plan(Map<String, KeyCondition> conditions) {
        return IndexScan.plan(getName(), map, keys(), conditions);
    }

    /** The index's first field, which orders its entries. */
    String firstField() {
        return keys().get(0);
    }

    /** Every entry, from the largest value of the first field down. */
    Iterator<KeyValue> descending() {
        return map.cursor(null, null, true);
    }

    @Override
    public void checkAdd(Document document, MongoCollection<Object> collection) {
        // Refuses a document with two array fields in a compound index, as MongoDB does, before it is stored.
        getKeyValues(document);
    }

    @Override
    public void add(Document document, Object position, MongoCollection<Object> collection) {
        add(document, position);
    }

    void add(Document document, Object position) {
        for (KeyValue key : entries(document, position)) {
            map.put(key, PRESENT);
        }
    }

    @Override
    public Object remove(Document document) {
        Object position = positionOf(document);
        for (KeyValue key : entries(document, position)) {
            map.remove(key);
        }
        return position;
    }

    @Override
    public void checkUpdate(Document oldDocument, Document newDocument, MongoCollection<Object> collection) {
        getKeyValues(newDocument);
    }

    @Override
    public void updateInPlace(Document oldDocument, Document newDocument, Object position, MongoCollection<Object> collection) {
        Set<KeyValue> before = entries(oldDocument, position);
        Set<KeyValue> after = entries(newDocument, position);
        for (KeyValue key : before) {
            if (!after.contains(key)) {
                map.remove(key);
            }
        }
        for (KeyValue key : after) {
            if (!before.contains(key)) {
                map.put(key, PRESENT);
            }
        }
    }

    /** The collection finds positions through its unique {@code _id} index; this index holds none by document. */
    @Override
    public Object getPosition(Document document) {
        return null;
    }

    /** Never chosen by the library's own planner: {@link IndexedCollection} plans with {@link #plan}. */
    @Override
    public boolean canHandle(Document query) {
        return false;
    }

    @Override
    public Iterable<Object> getPositions(Document query) {
        throw new UnsupportedOperationException("queried through IndexedCollection");
    }

    /**
     * Never empty to the library, which would otherwise rebuild an index from one long scan whenever it holds
     * no entry (at every start, for an index of a field no document has yet), writing it while the scan still
     * reads an old version of the file: H2 may reuse that version's chunks meanwhile ("Chunk not found").
     * {@link IndexedCollection#buildIndex} builds it once, in batches, and remembers that it did.
     */
    @Override
    public boolean isEmpty() {
        return false;
    }

    @Override
    public long getCount() {
        return map.sizeAsLong();
    }

    @Override
    public long getDataSize() {
        return getCount();
    }

    @Override
    public void drop() {
        map.clear();
    }

    private Set<KeyValue> entries(Document document, Object position) {
        if (!multikey && keys().stream().anyMatch(field -> Utils.getSubdocumentValueCollectionAware(document, field)
                instanceof Collection<?>)) {
            multikey = true;
            meta.put(MULTIKEY + getName(), Boolean.TRUE);
        }
        Set<KeyValue> entries = new HashSet<>();
        for (KeyValue values : getKeyValues(document)) {
            if (values.get(0) != null) {
                List<Object> key = new ArrayList<>(values.size() + 1);
                values.forEach(key::add);
                key.add(position);
                entries.add(new KeyValue(key));
            }
        }
        return entries;
    }

    /** The position the H2 collection gives a document: its {@code _id}. */
    private static Object positionOf(Document document) {
        return Missing.ofNullable(document.get("_id"));
    }
}
