package com.referralloop.store;

import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.bson.Document;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BiPredicate;
import java.util.stream.Stream;

/**
 * An aggregation read from index entries alone ("covered", as MongoDB says): when one index holds every field
 * the pipeline reads ({@link PipelineFields}), each entry becomes a document of those fields, and the document
 * itself is never fetched. A dashboard figure over a period then reads small, ordered index entries instead of
 * every answer or follow-up of the period scattered over the file: at 100,000 accounts the file outgrows the
 * page cache, and each fetch is a disk read.
 * <p>
 * What an entry cannot tell, and why that is safe here:
 * <ul>
 *   <li>arrays: an index with an array value holds one entry per element; such an index is never used
 *       ({@link SecondaryIndex#coversItsFields});</li>
 *   <li>number types: keys hold numbers as doubles, which match and sort as the originals do; a pipeline that
 *       returns or computes with a number read from an entry is run again from the documents
 *       ({@link NotCovered});</li>
 *   <li>null against missing: keys hold both as null, read back as missing. Queries and stages that tell them
 *       apart ({@code $exists}, {@code $type}…) are never covered; the app never stores an explicit null.</li>
 * </ul>
 */
final class CoveredRead {

    /** Thrown while a covered read is consumed when a stage would see a number's type: run from the documents. */
    static final class NotCovered extends RuntimeException {
        NotCovered() {
            super(null, null, false, false);
        }
    }

    /** Covered reads served since start, per index (or "a + b" for an $or's indexes): for tests and the benches. */
    static final Map<String, LongAdder> SERVED = new ConcurrentHashMap<>();

    private CoveredRead() {
    }

    static void served(String indexName) {
        SERVED.computeIfAbsent(indexName, k -> new LongAdder()).increment();
    }

    /**
     * The documents (their indexed fields and {@code _id}) that match {@code query}, from the scans' entries;
     * entries of two branches of an {@code $or} (or of an {@code $in} naming a value twice) that name one
     * document give it once.
     */
    static Stream<Document> documents(Candidates candidates, Document query, Set<String> numbersForbidden,
                                      BiPredicate<Document, Document> matches) {
        List<IndexScan> scans = candidates.scans();
        Set<Object> seen = scans.size() > 1 || scans.get(0).ranges() > 1 ? new HashSet<>() : null;
        return scans.stream().flatMap(scan -> scan.scannedKeys()
                .filter(key -> seen == null || seen.add(key.get(key.size() - 1)))
                .map(key -> document(scan.fields(), key, numbersForbidden)))
                .filter(document -> matches.test(document, query));
    }

    private static Document document(List<String> fields, KeyValue key, Set<String> numbersForbidden) {
        Document document = new Document();
        Object position = key.get(key.size() - 1);
        if (!(position instanceof Missing)) {
            document.put("_id", position);
        }
        for (int i = 0; i < fields.size(); i++) {
            Object value = key.get(i);
            if (value != null) {
                if (value instanceof Number && numbersForbidden.contains(fields.get(i))) {
                    throw new NotCovered();
                }
                document.put(fields.get(i), value);
            }
        }
        return document;
    }
}
