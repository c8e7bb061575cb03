package com.referralloop.store;

import com.mongodb.bulk.BulkWriteError;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.data.mongodb.BulkOperationException;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * Stores many documents with one unordered bulk insert and tells, by position, which were refused as
 * duplicates of a unique key (already there: the caller's idempotence) and which failed for another reason.
 *
 * @param duplicates positions refused for a duplicate key
 * @param failed     positions refused for any other reason
 * @param error      the bulk error when anything was refused, else null
 */
public record UnorderedInsert(Set<Integer> duplicates, Set<Integer> failed, BulkOperationException error) {

    /** MongoDB's duplicate key error code. */
    static final int DUPLICATE_KEY = 11000;

    public static UnorderedInsert of(MongoTemplate mongo, Class<?> type, List<?> documents) {
        Set<Integer> duplicates = new HashSet<>();
        Set<Integer> failed = new HashSet<>();
        try {
            mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, type).insert(documents).execute();
            return new UnorderedInsert(duplicates, failed, null);
        } catch (BulkOperationException partly) {
            for (BulkWriteError error : partly.getErrors()) {
                (error.getCode() == DUPLICATE_KEY ? duplicates : failed).add(error.getIndex());
            }
            return new UnorderedInsert(duplicates, failed, partly);
        }
    }

    /** Whether the document at this position was stored by this insert. */
    public boolean stored(int position) {
        return !duplicates.contains(position) && !failed.contains(position);
    }
}
