package com.referralloop.web;

import static com.referralloop.web.FollowUpFigures.and;
import static com.referralloop.web.FollowUpFigures.gt;
import static com.referralloop.web.FollowUpFigures.NEVER;
import static com.referralloop.web.FollowUpFigures.ifNull;
import static com.referralloop.web.FollowUpFigures.one;
import static com.referralloop.web.FollowUpFigures.sumIf;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.referralloop.account.AccountService;
import com.referralloop.followup.FollowUpState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * What {@link KeptOwners} counts from the follow-ups: open and overdue ones per owner and source, grouped in
 * MongoDB from the open states' index ({@code followup_open_owners}, covered), and which owners' follow-ups were
 * created or moved since a time.
 */
final class OwnerCounts {

    private static final List<String> OPEN_STATES = Arrays.stream(FollowUpState.values())
            .filter(s -> s != FollowUpState.CLOSED).map(Enum::name).toList();

    private final MongoCollection<Document> followUps;

    OwnerCounts(MongoTemplate mongo) {
        this.followUps = mongo.getCollection("followups");
    }

    /**
     * Per owner (lower case, or "unassigned") and source, the open follow-ups, the overdue ones and the first
     * deadline ahead ({@code next}); of the given owners, or of all (null).
     */
    Map<String, Map<String, Document>> count(Set<String> owners, Instant now) {
        // the states a follow-up is open in, named: "not closed" cannot be read from the state index
        Document m = new Document("state", new Document("$in", OPEN_STATES));
        if (owners != null) {
            List<String> emails = new ArrayList<>(owners);
            if (emails.remove(KeptOwners.UNASSIGNED)) {
                emails.add(null);
            }
            m.append("ownerEmail", new Document("$in", emails));
        }
        Date at = Date.from(now);
        Document group = new Document("_id", new Document("owner", new Document("$toLower", new Document("$ifNull",
                List.of("$ownerEmail", KeptOwners.UNASSIGNED)))).append("source", "$source"))
                .append("open", one())
                .append("overdue", sumIf(and(gt(ifNull("$dueAt"), null), new Document("$lt", List.of("$dueAt", at)))))
                .append("next", new Document("$min", new Document("$cond",
                        List.of(new Document("$gt", List.of(ifNull("$dueAt"), at)), "$dueAt", NEVER))));
        Map<String, Map<String, Document>> out = new HashMap<>();
        followUps.aggregate(List.of(new Document("$match", m), new Document("$group", group))).forEach(g -> {
            Document id = g.get("_id", Document.class);
            Document c = new Document("open", ((Number) g.get("open")).longValue())
                    .append("overdue", ((Number) g.get("overdue")).longValue()).append("next", g.getDate("next"));
            out.computeIfAbsent(id.getString("owner"), k -> new HashMap<>())
                    .merge(String.valueOf(id.getString("source")), c, OwnerCounts::add);
        });
        return out;
    }

    /**
     * The follow-ups created ({@code createdAt}) or moved ({@code changedAt}: a transition, a moved deadline) at or
     * after {@code since}, per owner, each as its id and stamp, so a change already counted is told from a new one.
     */
    Map<String, Set<String>> changesSince(Instant since) {
        Map<String, Set<String>> out = new HashMap<>();
        for (String stamp : List.of("createdAt", "changedAt")) {
            followUps.find(Filters.gte(stamp, Date.from(since))).projection(new Document("ownerEmail", 1).append(stamp, 1))
                    .forEach(d -> {
                        String owner = d.getString("ownerEmail") == null ? KeptOwners.UNASSIGNED : AccountService.ownerEmailKey(d.getString("ownerEmail"));
                        out.computeIfAbsent(owner, k -> new HashSet<>()).add(d.get("_id") + "@" + d.getDate(stamp).getTime());
                    });
        }
        return out;
    }

    private static Document add(Document a, Document b) {
        Date next = a.getDate("next").before(b.getDate("next")) ? a.getDate("next") : b.getDate("next");
        return new Document("open", a.getLong("open") + b.getLong("open"))
                .append("overdue", a.getLong("overdue") + b.getLong("overdue")).append("next", next);
    }
}
