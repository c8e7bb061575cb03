package com.referralloop.program;

import com.referralloop.referral.Referral;
import com.referralloop.support.PageCursor;
import com.referralloop.web.ProgramFigures.ReferralNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.aggregation.Aggregation;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

/**
 * Referral trees a page of roots at a time, selected and linked by MongoDB. The roots come from one aggregation
 * ($match on the period and the cursor first, so the {@code referral_created} index bounds it; a $lookup of each
 * row's parent by {@code _id} decides whether it is a root); their descendants then come a level at a time, one
 * {@code parentId $in} query per level on {@code referral_parent}. So a page costs at most {@link #MAX_DEPTH} + 2
 * queries and holds only its own trees, however many referrals the period has.
 * <p>
 * Not {@code $graphLookup}: the embedded store's takes no {@code restrictSearchWithMatch} (children outside the
 * period would join) and scans the collection per node.
 */
final class ReferralTrees {

    /** Generations below a root that are shown; deeper ones are cut, as a cycle in bad data would be. */
    static final int MAX_DEPTH = 20;

    private static final Sort OLDEST_FIRST = PageCursor.sort("createdAt", Sort.Direction.ASC);

    private final MongoTemplate mongo;

    ReferralTrees(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /**
     * Up to {@code count} roots after {@code after}, each with its descendants.
     *
     * @param inFilter what puts a referral in the dashboard's filter (period, owner's accounts)
     */
    List<ReferralNode> page(Criteria inFilter, PageCursor after, int count) {
        List<Referral> roots = roots(inFilter, after, count);
        Map<String, List<Referral>> children = new HashMap<>();
        List<Referral> level = roots;
        for (int depth = 0; depth <= MAX_DEPTH && !level.isEmpty(); depth++) {
            Query next = Query.query(new Criteria().andOperator(inFilter,
                    Criteria.where("parentId").in(level.stream().map(Referral::id).toList()))).with(OLDEST_FIRST);
            level = mongo.find(next, Referral.class);
            level.forEach(r -> children.computeIfAbsent(r.parentId(), k -> new ArrayList<>()).add(r));
        }
        return roots.stream().map(r -> node(r, children, 0)).toList();
    }

    /** Referrals in the filter whose parent is not: none, erased, or outside the period or the owner's accounts. */
    private List<Referral> roots(Criteria inFilter, PageCursor after, int count) {
        Criteria first = after == null ? inFilter : new Criteria().andOperator(inFilter,
                after.after("createdAt", Sort.Direction.ASC));
        Criteria parentOutside = new Criteria().orOperator(Criteria.where("parentId").is(null),
                Criteria.where("parent").not().elemMatch(inFilter));
        Aggregation roots = Aggregation.newAggregation(Aggregation.match(first), Aggregation.sort(OLDEST_FIRST),
                Aggregation.lookup("referrals", "parentId", "_id", "parent"), Aggregation.match(parentOutside),
                Aggregation.limit(count), Aggregation.project().andExclude("parent"));
        return mongo.aggregate(roots, "referrals", Referral.class).getMappedResults();
    }

    private static ReferralNode node(Referral r, Map<String, List<Referral>> childrenByParent, int depth) {
        List<ReferralNode> children = depth > MAX_DEPTH ? List.of() : childrenByParent.getOrDefault(r.id(), List.of())
                .stream().map(c -> node(c, childrenByParent, depth + 1)).toList();
        String referred = r.referredName() != null ? r.referredName() : r.referredEmail();
        return new ReferralNode(r.id(), r.referrerName() + " → " + referred + (r.company() == null ? "" : " at " + r.company()),
                r.status().name(), children, r.createdAt());
    }
}
