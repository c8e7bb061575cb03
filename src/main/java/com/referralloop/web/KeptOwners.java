package com.referralloop.web;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.DeleteManyModel;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import com.referralloop.account.AccountService;
import com.referralloop.web.DashboardFigures.OwnerLoad;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bson.Document;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.index.IndexOperations;

/**
 * The dashboard's open and overdue follow-ups per owner, kept one small document per owner and source (and one
 * for all sources) in {@code followup_owners}, so the table reads its busiest owners from an index instead of
 * grouping every open follow-up of the company on each read.
 * <p>
 * Exact, as {@link KeptDays} is: before it reads, it looks for follow-ups created or moved since its last look
 * (less a margin, for a write stamped before it committed) and counts their owners again from the records.
 * Each owner's document remembers the changes its count already saw, so a change inside the margin is counted
 * once, not at every look. An owner is also counted again at its first deadline ahead (a follow-up becomes
 * overdue with no write) and {@link KeptDays#KEPT} after its count.
 */
final class KeptOwners {

    static final String COLLECTION = "followup_owners";
    /** The source of an owner's document over all sources (sources are survey providers' names: no '#'). */
    static final String ALL_SOURCES = "#all";
    static final String UNASSIGNED = "unassigned";
    private static final String SEEN = "#seen";
    private static final Duration NOTE_LOOK_EVERY = Duration.ofMinutes(1);

    private final MongoCollection<Document> kept;
    private final OwnerCounts counts;
    private final Duration margin;

    KeptOwners(MongoTemplate mongo) {
        this(mongo, KeptDays.MARGIN);
    }

    /** With another margin: a test that writes and reads within seconds sets none. */
    KeptOwners(MongoTemplate mongo, Duration margin) {
        this.kept = mongo.getCollection(COLLECTION);
        this.counts = new OwnerCounts(mongo);
        this.margin = margin;
        createIndexes(mongo.indexOps(COLLECTION));
    }

    /** Named, and listed in docs/operations.md "Indexes". */
    private static void createIndexes(IndexOperations ops) {
        // the busiest first: the table's order as one number, so either store walks one index and stops
        ops.createIndex(new Index().on("rank", Sort.Direction.DESC).on("owner", Sort.Direction.ASC).named("followup_owners_rank"));
        ops.createIndex(new Index().on("source", Sort.Direction.ASC).on("open", Sort.Direction.ASC).named("followup_owners_source"));
        ops.createIndex(new Index().on("owner", Sort.Direction.ASC).named("followup_owners_owner"));
        ops.createIndex(new Index().on("stableUntil", Sort.Direction.ASC).named("followup_owners_stable"));
    }

    /**
     * Open and overdue follow-ups per owner now, the {@code limit} busiest first ("unassigned" always among them:
     * nobody is told about those); owner and source apply.
     */
    List<OwnerLoad> owners(String source, String owner, Instant now, int limit) {
        refresh(now);
        String s = source == null ? ALL_SOURCES : source;
        List<OwnerLoad> out = new ArrayList<>();
        if (owner != null) {
            addIfOpen(kept.find(Filters.eq("_id", id(AccountService.ownerEmailKey(owner), s))).first(), out);
            return out;
        }
        addIfOpen(kept.find(Filters.eq("_id", id(UNASSIGNED, s))).first(), out);
        if (limit > out.size()) {
            kept.find(Filters.and(Filters.eq("source", s), Filters.gt("open", 0), Filters.ne("owner", UNASSIGNED)))
                    .sort(new Document("rank", -1).append("owner", 1)).limit(limit - out.size()).forEach(d -> addIfOpen(d, out));
        }
        out.sort(Comparator.comparingLong(OwnerLoad::overdue).thenComparingLong(OwnerLoad::open).reversed()
                .thenComparing(OwnerLoad::owner));
        return out;
    }

    /** How many owners (with "unassigned") have follow-ups open now. */
    long ownersWithOpen(String source, String owner, Instant now) {
        if (owner != null) {
            return owners(source, owner, now, 1).size();
        }
        refresh(now);
        return kept.countDocuments(Filters.and(Filters.eq("source", source == null ? ALL_SOURCES : source), Filters.gt("open", 0)));
    }

    /** Counts again the owners whose follow-ups changed since the last look, or whose counts went stale. */
    private void refresh(Instant now) {
        Document seen = kept.find(Filters.eq("_id", SEEN)).first();
        Date at = seen == null ? null : seen.getDate("at");
        Instant since = (at == null || at.toInstant().isAfter(now) ? now : at.toInstant()).minus(margin);
        Map<String, Set<String>> changes = counts.changesSince(since);
        if (at == null || at.toInstant().isAfter(now)) {
            // never looked, or the clock went back: nothing kept can be trusted
            kept.deleteMany(Filters.ne("_id", SEEN));
            keep(counts.count(null, now), changes, now);
        } else {
            Set<String> owners = ownersToCount(changes, now);
            if (!owners.isEmpty()) {
                Map<String, Map<String, Document>> counted = counts.count(owners, now);
                owners.forEach(o -> counted.computeIfAbsent(o, k -> new HashMap<>()));
                keep(counted, changes, now);
            }
        }
        // noting the look is a commit; a look noted up to a minute late only widens the next window, and the
        // changes each owner's count saw keep a wider window from counting anyone again
        if (at == null || at.toInstant().isAfter(now) || at.toInstant().plus(NOTE_LOOK_EVERY).isBefore(now)) {
            kept.updateOne(Filters.eq("_id", SEEN), Updates.set("at", Date.from(now)), new UpdateOptions().upsert(true));
        }
    }

    /** The owners with a change their count has not seen, and those whose count is stale. */
    private Set<String> ownersToCount(Map<String, Set<String>> changes, Instant now) {
        Set<String> owners = new HashSet<>();
        if (!changes.isEmpty()) {
            Map<String, List<String>> seenBy = new HashMap<>();
            kept.find(Filters.in("_id", changes.keySet().stream().map(o -> id(o, ALL_SOURCES)).toList()))
                    .projection(new Document("owner", 1).append("seen", 1))
                    .forEach(d -> seenBy.put(d.getString("owner"), d.getList("seen", String.class, List.of())));
            changes.forEach((owner, ids) -> {
                if (!seenBy.getOrDefault(owner, List.of()).containsAll(ids)) {
                    owners.add(owner);
                }
            });
        }
        kept.find(Filters.lte("stableUntil", Date.from(now))).projection(new Document("owner", 1))
                .forEach(d -> owners.add(d.getString("owner")));
        return owners;
    }

    /** Keeps each owner's counts per source and over all, in one write; sources no longer open are dropped. */
    private void keep(Map<String, Map<String, Document>> counted, Map<String, Set<String>> changes, Instant now) {
        List<WriteModel<Document>> writes = new ArrayList<>();
        Date fresh = Date.from(now.plus(KeptDays.KEPT));
        ReplaceOptions upsert = new ReplaceOptions().upsert(true);
        counted.forEach((owner, bySource) -> {
            long open = 0;
            long overdue = 0;
            Date next = fresh;
            List<String> sources = new ArrayList<>(List.of(ALL_SOURCES));
            for (Map.Entry<String, Document> e : bySource.entrySet()) {
                Document c = e.getValue();
                open += c.getLong("open");
                overdue += c.getLong("overdue");
                next = c.getDate("next").before(next) ? c.getDate("next") : next;
                sources.add(e.getKey());
                writes.add(new ReplaceOneModel<>(Filters.eq("_id", id(owner, e.getKey())),
                        load(owner, e.getKey(), c.getLong("open"), c.getLong("overdue")), upsert));
            }
            writes.add(new ReplaceOneModel<>(Filters.eq("_id", id(owner, ALL_SOURCES)), load(owner, ALL_SOURCES, open, overdue)
                    .append("stableUntil", next).append("seen", new ArrayList<>(changes.getOrDefault(owner, Set.of()))), upsert));
            writes.add(new DeleteManyModel<>(Filters.and(Filters.eq("owner", owner), Filters.nin("source", sources))));
        });
        if (!writes.isEmpty()) {
            kept.bulkWrite(writes);
        }
    }

    private static Document load(String owner, String source, long open, long overdue) {
        // overdue first, then open: one number in the table's order (no owner has a million follow-ups open)
        return new Document("_id", id(owner, source)).append("owner", owner).append("source", source)
                .append("open", open).append("overdue", overdue).append("rank", overdue * 1_000_000L + open);
    }

    private static void addIfOpen(Document d, List<OwnerLoad> out) {
        if (d != null && d.getLong("open") > 0) {
            out.add(new OwnerLoad(d.getString("owner"), d.getLong("open"), d.getLong("overdue")));
        }
    }

    private static String id(String owner, String source) {
        return source + " " + owner;
    }
}
