package com.referralloop.followup;

import com.referralloop.account.AccountService;
import java.time.Instant;
import java.util.List;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

/**
 * Summaries for App Home: an owner's open follow-ups counted and the newest few read without their history
 * (events, replies, posted copies), and the promoter-to-consent figure of a period counted in MongoDB.
 */
@Service
public class OwnerFollowUps {

    private final MongoTemplate mongo;
    private final OwnerInbox inbox;

    OwnerFollowUps(MongoTemplate mongo, OwnerInbox inbox) {
        this.mongo = mongo;
        this.inbox = inbox;
    }

    /** @param newest the newest open ones, at most the limit asked for, without events, replies and messages */
    public record Open(long open, long overdue, List<FollowUp> newest) { }

    /**
     * The owner's follow-ups not closed: ids from their inbox, then two counts and one limited, projected read by
     * {@code _id}; none of it grows with the owner's closed follow-ups.
     */
    public Open openOf(String ownerEmail, int limit, Instant now) {
        List<String> ids = inbox.openIds(ownerEmail);
        if (ids.isEmpty()) {
            return new Open(0, 0, List.of());
        }
        long open = mongo.count(Query.query(mine(ids, ownerEmail)), FollowUp.class);
        long overdue = mongo.count(Query.query(mine(ids, ownerEmail).and("dueAt").lt(now)), FollowUp.class);
        Query newest = Query.query(mine(ids, ownerEmail)).with(Sort.by(Sort.Direction.DESC, "createdAt")).limit(limit);
        newest.fields().exclude("events").exclude("replies").exclude("messages");
        return new Open(open, overdue, mongo.find(newest, FollowUp.class));
    }

    /** Still the owner's and not closed (the inbox may hold a few stale ids). */
    private static Criteria mine(List<String> ids, String ownerEmail) {
        return Criteria.where("_id").in(ids).and("state").ne(FollowUpState.CLOSED)
                .and("ownerEmail").is(AccountService.ownerEmailKey(ownerEmail));
    }

    /** Promoter follow-ups opened since {@code since}, and how many of them closed with consent recorded. */
    public record Conversion(long promoters, long consented) { }

    /** Two counts on the {@code followup_kind_created_outcome} index, read from its entries alone. */
    public Conversion promoterConversion(Instant since) {
        Criteria promoters = Criteria.where("kind").is(FollowUpKind.PROMOTER).and("createdAt").gte(since);
        long all = mongo.count(Query.query(promoters), FollowUp.class);
        long consented = all == 0 ? 0 : mongo.count(Query.query(Criteria.where("kind").is(FollowUpKind.PROMOTER)
                .and("createdAt").gte(since).and("state").is(FollowUpState.CLOSED)
                .and("outcome").is(FollowUpOutcome.CONSENT_RECORDED)), FollowUp.class);
        return new Conversion(all, consented);
    }
}
