package com.referralloop.store;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.h2.H2Collection;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.ObjectId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import org.h2.mvstore.Cursor;
import org.h2.mvstore.MVMap;

/**
 * An H2 collection that answers a query from its {@link SecondaryIndex}es when they narrow it
 * ({@link QueryPlanner}), from the ids it names, or in an index's order for a sorted query with a limit
 * ({@link SortedWalk}); otherwise by the library's scan.
 * Candidates are read in position order, the order a scan returns them in, so a query without a sort
 * returns its documents in the same order with or without an index.
 */
final class IndexedCollection extends H2Collection {


    /** Documents read per batch when an index is built: each batch starts from the file's current version. */
    private static final int BUILD_BATCH = 5_000;
    private static final String BUILT = "built index ";

    private final MVMap<Object, Document> data;
    private final MVMap<String, Object> meta;

    IndexedCollection(MongoDatabase database, String name, CollectionOptions options, MVMap<Object, Document> data,
                      MVMap<String, Object> meta, CursorRegistry cursors) {
        super(database, name, options, data, meta, cursors);
        this.data = data;
        this.meta = meta;
    }

    /**
     * Fills a non-unique index from the documents already stored, once: the collection's meta map remembers
     * it, so an index of a field no document has is not rebuilt at every start. Holds the collection (writes
     * wait), and reads in batches so that no read spans many commits.
     */
    synchronized void buildIndex(String name) {
        if (Boolean.TRUE.equals(meta.get(BUILT + name))
                || !(getIndexes().stream().filter(i -> i.getName().equals(name)).findFirst().orElse(null) instanceof SecondaryIndex index)) {
            return;
        }
        index.startTracking();
        Object after = null;
        while (true) {
            List<Object> positions = new ArrayList<>(BUILD_BATCH);
            List<Document> documents = new ArrayList<>(BUILD_BATCH);
            Cursor<Object, Document> cursor = data.cursor(after);
            while (cursor.hasNext() && positions.size() < BUILD_BATCH) {
                Object position = cursor.next();
                if (after == null || StoredValues.compare(position, after) != 0) {
                    positions.add(position);
                    documents.add(cursor.getValue());
                }
            }
            if (positions.isEmpty()) {
                break;
            }
            for (int i = 0; i < positions.size(); i++) {
                index.add(documents.get(i), positions.get(i));
            }
            after = positions.get(positions.size() - 1);
        }
        meta.put(BUILT + name, Boolean.TRUE);
    }

    /** A dropped index, built again from the documents if it is created again. */
    void forgetIndex(String name) {
        meta.remove(BUILT + name);
        meta.remove(SecondaryIndex.TRACKED + name);
        meta.remove(SecondaryIndex.MULTIKEY + name);
    }

    @Override
    protected QueryResult queryDocuments(Document query, Document orderBy, int numberToSkip, int limit, int batchSize,
                                         Document fieldSelector) {
        List<Object> positions = idsAsked(query);
        if (positions == null) {
            Candidates scan = query.isEmpty() ? null : bestScan(query);
            List<Document> first = limit > 0 ? sortedWalk(query, orderBy, numberToSkip + limit, scan) : null;
            if (first != null) {
                return matchDocumentsFromStream(first.stream(), query, orderBy, numberToSkip, limit, batchSize, fieldSelector);
            }
            if (scan == null) {
                return super.queryDocuments(query, orderBy, numberToSkip, limit, batchSize, fieldSelector);
            }
            positions = scan.positions();
        }
        Stream<Document> candidates = inPositionOrder(positions).stream().map(this::getDocument).filter(Objects::nonNull);
        return matchDocumentsFromStream(candidates, query, orderBy, numberToSkip, limit, batchSize, fieldSelector);
    }

    /**
     * The documents matching a query, read one by one (through an index, the ids it names, or a scan) for an
     * aggregation to consume. The library's own aggregation first collects the whole collection into a list.
     */
    Stream<Document> matching(Document query) {
        List<Object> positions = idsAsked(query);
        if (positions == null) {
            Candidates scan = query.isEmpty() ? null : bestScan(query);
            if (scan == null) {
                Stream<Document> all = data.values().stream();
                return query.isEmpty() ? all : all.filter(document -> documentMatchesQuery(document, query));
            }
            positions = scan.positions();
        }
        return inPositionOrder(positions).stream().map(this::getDocument).filter(Objects::nonNull)
                .filter(document -> documentMatchesQuery(document, query));
    }

    /**
     * The documents matching a query with only the fields an aggregation reads, from the entries of an index
     * that holds them all ({@link CoveredRead}); null when none does.
     */
    Stream<Document> covered(Document query, PipelineFields fields) {
        Candidates scan = coveringScan(query, fields);
        if (scan == null) {
            return null;
        }
        CoveredRead.served(scan.indexName());
        return CoveredRead.documents(scan, query, fields.numbersForbidden(), this::documentMatchesQuery);
    }

    /** The name of the covering index (or indexes) an aggregation would read, or null (for tests). */
    String coveringIndexFor(Document query, PipelineFields fields) {
        Candidates scan = fields == null ? null : coveringScan(query, fields);
        return scan == null ? null : scan.indexName();
    }

    /**
     * The fewest entries of the indexes holding every field read; null when none does, or when an index that
     * does not hold them narrows the query to a tenth of those entries (fetching the few is then cheaper).
     */
    private Candidates coveringScan(Document query, PipelineFields fields) {
        if (query.isEmpty() || idsAsked(query) != null) {
            return null;
        }
        Set<String> needed = new HashSet<>(fields.read());
        needed.remove("_id");
        List<de.bwaldvogel.mongo.backend.Index<Object>> covering = new ArrayList<>();
        for (SecondaryIndex index : QueryPlanner.secondary(getIndexes())) {
            if (index.coversItsFields() && index.fields().containsAll(needed)) {
                covering.add(index);
            }
        }
        // an entry is read far faster than a document, so a covering scan may read the whole index (an $or's
        // branches even more than that) and still beat the collection's scan
        Candidates scan = covering.isEmpty() ? null : QueryPlanner.best(covering, query, Long.MAX_VALUE);
        if (scan == null) {
            return null;
        }
        Candidates fetching = bestScan(query);
        return fetching != null && fetching.entries() * 10 < scan.entries() ? null : scan;
    }

    /** The first {@code wanted} documents of a sorted query read in an index's order (SortedWalk), or null. */
    private List<Document> sortedWalk(Document query, Document orderBy, int wanted, Candidates filterScan) {
        List<SecondaryIndex> secondary = QueryPlanner.secondary(getIndexes());
        if (orderBy == null || orderBy.isEmpty() || secondary.isEmpty()) {
            return null;
        }
        long filterEntries = filterScan != null ? filterScan.entries() : count();
        SortedWalk walk = SortedWalk.plan(secondary, KeyCondition.of(query), orderBy, wanted, filterEntries, filterScan != null);
        return walk == null ? null : walk.read(wanted, this::getDocument, document -> documentMatchesQuery(document, query));
    }

    /**
     * The ids a query names, when they are strings or object ids (the keys as stored: the collection's
     * positions). The library's unique index answers only a query on {@code _id} alone; a write conditioned
     * on the document's state ({@code _id} and a status, as a claim is) scanned the collection.
     */
    private static List<Object> idsAsked(Document query) {
        Object id = query.get("_id");
        if (isStoredId(id)) {
            return new ArrayList<>(List.of(id));
        }
        if (id instanceof Document operators && operators.size() == 1 && operators.get("$in") instanceof Collection<?> ids
                && ids.stream().allMatch(IndexedCollection::isStoredId)) {
            return new ArrayList<>(ids);
        }
        // inside a top-level $and too ("these ids, if still past retention"): any one conjunct bounds the result
        if (query.get("$and") instanceof Collection<?> parts) {
            for (Object part : parts) {
                List<Object> ids = part instanceof Document document ? idsAsked(document) : null;
                if (ids != null) {
                    return ids;
                }
            }
        }
        return null;
    }

    private static boolean isStoredId(Object id) {
        return id instanceof String || id instanceof ObjectId;
    }

    /** The name of the index a query would be answered from, or null for a scan or a unique index. */
    String indexFor(Document query) {
        if (idsAsked(query) != null) {
            return "_id_";
        }
        Candidates scan = bestScan(query);
        return scan == null ? null : scan.indexName();
    }

    private Candidates bestScan(Document query) {
        return QueryPlanner.best(getIndexes(), query, count());
    }

    private static List<Object> inPositionOrder(List<Object> positions) {
        positions.sort(StoredValues::compare);
        List<Object> distinct = new ArrayList<>(positions.size());
        for (Object position : positions) {
            if (distinct.isEmpty() || StoredValues.compare(distinct.get(distinct.size() - 1), position) != 0) {
                distinct.add(position);
            }
        }
        return distinct;
    }
}
