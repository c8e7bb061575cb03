package com.referralloop.store;

import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.bson.Document;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Chooses how the embedded store reads a query: the {@link SecondaryIndex} whose key ranges hold the fewest
 * entries, or, for an {@code $or} whose every branch an index narrows, the union of the branches' scans (as
 * MongoDB's OR plan does: "answered in the period, or unanswered and received in it"). Nothing (null: scan
 * the collection) when a unique index answers the query outright, or when the best would still read half of
 * the collection.
 */
final class QueryPlanner {

    private QueryPlanner() {
    }

    static Candidates best(List<Index<Object>> indexes, Document query, long documents) {
        if (indexes.stream().anyMatch(index -> !(index instanceof SecondaryIndex) && index.canHandle(query))) {
            return null;
        }
        List<SecondaryIndex> secondary = secondary(indexes);
        return secondary.isEmpty() || query.isEmpty() ? null : fewest(secondary, query, documents / 2);
    }

    /** The non-unique indexes among a collection's indexes. */
    static List<SecondaryIndex> secondary(List<Index<Object>> indexes) {
        List<SecondaryIndex> secondary = new ArrayList<>();
        for (Index<Object> index : indexes) {
            if (index instanceof SecondaryIndex s) {
                secondary.add(s);
            }
        }
        return secondary;
    }

    private static Candidates fewest(List<SecondaryIndex> secondary, Document query, long most) {
        Candidates best = null;
        long fewest = most;
        Map<String, KeyCondition> conditions = KeyCondition.of(query);
        if (!conditions.isEmpty()) {
            for (SecondaryIndex index : secondary) {
                IndexScan scan = index.plan(conditions);
                if (scan != null && scan.entries() <= fewest) {
                    best = scan;
                    fewest = scan.entries();
                }
            }
        }
        for (Collection<?> branches : disjunctions(query, new ArrayList<>())) {
            Candidates union = union(secondary, branches, fewest);
            if (union != null) {
                best = union;
                fewest = union.entries();
            }
        }
        return best;
    }

    /** The {@code $or} lists that must hold: at the top level, or inside a top-level {@code $and}. */
    private static List<Collection<?>> disjunctions(Document query, List<Collection<?>> found) {
        if (query.get("$or") instanceof Collection<?> branches) {
            found.add(branches);
        }
        if (query.get("$and") instanceof Collection<?> parts) {
            for (Object part : parts) {
                if (part instanceof Document document) {
                    disjunctions(document, found);
                }
            }
        }
        return found;
    }

    private static Candidates union(List<SecondaryIndex> secondary, Collection<?> branches, long most) {
        List<Candidates> parts = new ArrayList<>();
        long entries = 0;
        for (Object branch : branches) {
            Candidates part = branch instanceof Document document ? fewest(secondary, document, most - entries) : null;
            if (part == null) {
                return null;
            }
            entries += part.entries();
            parts.add(part);
        }
        return parts.isEmpty() ? null : new Union(parts, entries);
    }

    private record Union(List<Candidates> parts, long entries) implements Candidates {

        @Override
        public List<Object> positions() {
            List<Object> positions = new ArrayList<>();
            parts.forEach(part -> positions.addAll(part.positions()));
            return positions;
        }

        @Override
        public List<IndexScan> scans() {
            List<IndexScan> scans = new ArrayList<>();
            parts.forEach(part -> scans.addAll(part.scans()));
            return scans;
        }

        @Override
        public String indexName() {
            return parts.stream().map(Candidates::indexName).collect(Collectors.joining(" + "));
        }
    }
}
