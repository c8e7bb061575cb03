package com.referralloop.store;

import java.util.List;

/** Where the documents a query can match are: the positions one or more index scans give. */
interface Candidates {

    /** How many index entries reading them takes (an estimate for choosing, exact for one scan). */
    long entries();

    /** Their positions, possibly with repeats (a multikey index, two branches of an {@code $or}). */
    List<Object> positions();

    /** The index scans read, one per branch of an {@code $or}. */
    List<IndexScan> scans();

    /** The index or indexes read, for tests and logs. */
    String indexName();
}
