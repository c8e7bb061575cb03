package com.referralloop.web;

import java.util.List;
import org.bson.Document;

/**
 * The aggregation expressions the dashboard's follow-up figures build with ({@link FollowUpDayFigure},
 * {@link OwnerCounts}), and the percentile rank they are taken at.
 */
final class FollowUpFigures {

    /** Stands for "no deadline ahead" in a $min, which some stores do not let skip nulls. */
    static final java.util.Date NEVER = new java.util.Date(Long.MAX_VALUE / 2);

    private FollowUpFigures() {
    }

    /** The 0-based rank of the p-th percentile, nearest-rank, as the figures have always been taken. */
    static long rank(long n, double p) {
        return Math.max(0, Math.min(n - 1, (long) Math.ceil(p * n) - 1));
    }

    static Document one() {
        return new Document("$sum", 1);
    }

    static Document sumIf(Document condition) {
        return new Document("$sum", new Document("$cond", List.of(condition, 1, 0)));
    }

    static Document ifNull(String field) {
        return new Document("$ifNull", java.util.Arrays.asList(field, null));
    }

    static Document gt(Object a, Object b) {
        return new Document("$gt", java.util.Arrays.asList(a, b));
    }

    static Document lte(Object a, Object b) {
        return new Document("$lte", java.util.Arrays.asList(a, b));
    }

    static Document and(Document... parts) {
        return new Document("$and", List.of(parts));
    }

    static Document or(Document... parts) {
        return new Document("$or", List.of(parts));
    }

    static Document not(Document part) {
        return new Document("$not", List.of(part));
    }
}
