package com.referralloop.store;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.DatabaseResolver;
import de.bwaldvogel.mongo.backend.Utils;
import de.bwaldvogel.mongo.backend.aggregation.Aggregation;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.oplog.Oplog;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * An aggregation fed one document at a time: when it starts with {@code $match}, only what an index finds for
 * it (or a scan, when none narrows it). mongo-java-server feeds every pipeline the whole collection, collected
 * into one list first: each {@code countDocuments} and each dashboard figure read and held every document (at
 * 10,000 accounts the bench's store ran out of its 2 GB heap). The other stages run as the library runs them.
 */
final class IndexedAggregation {

    /** Stages that write, or that do not read the collection: left to the library. */
    private static final Set<String> LEFT_TO_THE_LIBRARY = Set.of("$out", "$merge", "$changeStream", "$collStats",
            "$indexStats", "$currentOp", "$listSessions");

    private IndexedAggregation() {
    }

    /** The answer to this {@code aggregate} command, or null when the library should run it. */
    static Document run(MongoDatabase database, Document command, DatabaseResolver resolver, Oplog oplog) {
        if (!(command.get("aggregate") instanceof String collectionName) || command.containsKey("explain")) {
            return null;
        }
        MongoCollection<?> collection = database.resolveCollection(collectionName, false);
        if (!(collection instanceof IndexedCollection indexed)) {
            return null;
        }
        List<Document> pipeline = Aggregation.parse(command.get("pipeline"));
        if (pipeline.stream().anyMatch(stage -> stage.keySet().stream().anyMatch(LEFT_TO_THE_LIBRARY::contains))) {
            return null;
        }
        boolean matchFirst = !pipeline.isEmpty() && pipeline.get(0).size() == 1 && pipeline.get(0).get("$match") instanceof Document;
        Document match = matchFirst ? (Document) pipeline.get(0).get("$match") : new Document();
        List<Document> stages = pipeline.subList(matchFirst ? 1 : 0, pipeline.size());
        List<Document> result = null;
        PipelineFields fields = matchFirst ? PipelineFields.of(match, stages) : null;
        Stream<Document> covered = fields == null ? null : indexed.covered(match, fields);
        if (covered != null) {
            try {
                result = stages(stages, command, resolver, database, collection, oplog).runStages(covered);
            } catch (CoveredRead.NotCovered numberTypeMatters) {
                result = null;
            }
        }
        if (result == null) {
            result = stages(stages, command, resolver, database, collection, oplog).runStages(indexed.matching(match));
        }
        Document cursor = new Document();
        cursor.put("id", 0L);
        cursor.put("ns", collection.getFullName());
        cursor.put("firstBatch", result);
        Document answer = new Document("cursor", cursor);
        Utils.markOkay(answer);
        return answer;
    }

    private static Aggregation stages(List<Document> stages, Document command, DatabaseResolver resolver,
                                      MongoDatabase database, MongoCollection<?> collection, Oplog oplog) {
        Aggregation rest = Aggregation.fromPipeline(stages, resolver, database, collection, oplog);
        rest.validate(command);
        return rest;
    }
}
