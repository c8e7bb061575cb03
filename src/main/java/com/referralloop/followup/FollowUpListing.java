package com.referralloop.followup;

import com.referralloop.account.AccountService;
import com.referralloop.support.PageCursor;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

/**
 * Reads lists of follow-ups, a page at a time, newest first: one owner's open ones from their inbox (ids, then a
 * read by id), every other list by an indexed query with a keyset cursor. Kept apart from {@link FollowUpService},
 * which changes follow-ups; this only reads them.
 */
@Service
public class FollowUpListing {

    private final MongoTemplate mongo;
    private final OwnerInbox inbox;
    private final Clock clock;

    FollowUpListing(MongoTemplate mongo, OwnerInbox inbox, Clock clock) {
        this.mongo = mongo;
        this.inbox = inbox;
        this.clock = clock;
    }

    public List<FollowUp> list(FollowUpQuery q) {
        if (q.ownerEmail() != null && (q.openOnly() || (q.state() != null && q.state() != FollowUpState.CLOSED))) {
            return listFromInbox(q);
        }
        Criteria c = new Criteria();
        if (q.state() != null) {
            c = c.and("state").is(q.state());
        } else if (q.openOnly()) {
            c = c.and("state").ne(FollowUpState.CLOSED);
        }
        if (q.ownerEmail() != null) {
            // stored lower-case (from the account, FollowUpOwnerEmailMigration for older rows): an exact indexed match
            c = c.and("ownerEmail").is(AccountService.ownerEmailKey(q.ownerEmail()));
        } else if (q.unassignedOnly()) {
            // null matches a missing field too; followup_owner_created serves it
            c = c.and("ownerEmail").is(null);
        }
        if (q.overdueOnly()) {
            c = c.and("dueAt").lt(clock.instant());
            if (q.state() == null && !q.openOnly()) {
                // a second "state" criterion on the same Criteria throws; openOnly already excludes CLOSED
                c = c.and("state").ne(FollowUpState.CLOSED);
            }
        }
        if (q.kind() != null) {
            c = c.and("kind").is(q.kind());
        }
        if (q.after() != null) {
            c = new Criteria().andOperator(c, q.after().after("createdAt", Sort.Direction.DESC));
        }
        return mongo.find(Query.query(c).with(PageCursor.sort("createdAt", Sort.Direction.DESC)).limit(q.limit()),
                FollowUp.class);
    }

    /** One owner's follow-ups that are not closed: read by id from their inbox, then filtered here. */
    private List<FollowUp> listFromInbox(FollowUpQuery q) {
        List<String> ids = inbox.openIds(q.ownerEmail());
        if (ids.isEmpty()) {
            return List.of();
        }
        List<FollowUp> found = mongo.find(Query.query(Criteria.where("_id").in(ids)), FollowUp.class);
        Set<String> stale = new HashSet<>(ids);
        Instant now = clock.instant();
        List<FollowUp> matching = new ArrayList<>();
        for (FollowUp f : found) {
            if (f.state() == FollowUpState.CLOSED || f.ownerEmail() == null
                    || !f.ownerEmail().equalsIgnoreCase(q.ownerEmail().trim())) {
                continue;
            }
            stale.remove(f.id());
            if ((q.state() == null || f.state() == q.state())
                    && (!q.overdueOnly() || (f.dueAt() != null && f.dueAt().isBefore(now)))
                    && (q.kind() == null || f.kind() == q.kind())) {
                matching.add(f);
            }
        }
        if (!stale.isEmpty()) {
            // closed, erased or re-owned meanwhile (or a removal lost in a crash): drop them for next time
            inbox.removed(q.ownerEmail(), stale);
        }
        // the same order and cursor as the query path: createdAt, then id, newest first
        Comparator<FollowUp> newestFirst = Comparator.comparing(FollowUp::createdAt,
                Comparator.nullsFirst(Comparator.<Instant>naturalOrder())).thenComparing(FollowUp::id).reversed();
        matching.sort(newestFirst);
        if (q.after() != null) {
            matching.removeIf(f -> !isAfter(f, q.after()));
        }
        return matching.size() > q.limit() ? matching.subList(0, q.limit()) : matching;
    }

    private static boolean isAfter(FollowUp f, PageCursor cursor) {
        int byTime = f.createdAt() == null || cursor.at() == null ? 0 : f.createdAt().compareTo(cursor.at());
        return byTime < 0 || (byTime == 0 && f.id().compareTo(cursor.id()) < 0);
    }

    public static PageCursor cursorOf(FollowUp f) {
        return new PageCursor(f.createdAt(), f.id());
    }
}
