package com.referralloop.request;

import com.referralloop.referral.ReferenceInfluence;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.aggregation.Aggregation;
import org.springframework.data.mongodb.core.aggregation.ConditionalOperators;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

/**
 * Reference-influenced revenue: the won value of requests, summed in MongoDB per reference contact, account,
 * project or requester ($match on the won state first, then $group), and the influence lines of
 * {@code /referral status}, {@code /referral stats} and App Home: one $match on an indexed key (requests_contact_state,
 * requests_account_state, requests_requester_state, requests_created, requests_state_updated), then one $group, so
 * the cost follows the contact's or the period's requests, not the collection.
 */
@Service
public class InfluencedRevenue implements ReferenceInfluence {

    /** One row: the key (contact id, account id, project id or requester), the deals won and their value. */
    public record Row(String key, String label, long deals, long amount) { }

    public enum By {
        CONTACT("contactId"), ACCOUNT("accountId"), PROJECT("projectId"), REQUESTER("requesterKey");

        final String field;

        By(String field) {
            this.field = field;
        }
    }

    private final MongoTemplate mongo;

    InfluencedRevenue(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    public List<Row> top(By by, int limit) {
        String label = by == By.ACCOUNT ? "accountName" : by == By.REQUESTER ? "requesterName" : by.field;
        Aggregation a = Aggregation.newAggregation(
                Aggregation.match(Criteria.where("state").is(RequestState.WON)),
                Aggregation.group(by.field).count().as("deals").sum("wonAmount").as("amount").first(label).as("label"),
                Aggregation.sort(Sort.by(Sort.Order.desc("amount"))),
                Aggregation.limit(limit));
        return mongo.aggregate(a, ReferenceRequest.class, Document.class).getMappedResults().stream()
                .map(d -> new Row(d.get("_id") == null ? "none" : d.get("_id").toString(),
                        d.get("label") == null ? "none" : d.get("label").toString(),
                        ((Number) d.get("deals")).longValue(), d.get("amount") == null ? 0 : ((Number) d.get("amount")).longValue()))
                .toList();
    }

    @Override
    public Optional<String> ofContact(String contactId) {
        return summary(Criteria.where("contactId").is(contactId));
    }

    @Override
    public Optional<String> ofAccount(String accountId) {
        return summary(Criteria.where("accountId").is(accountId));
    }

    /** The deals a requester's references helped win (App Home). */
    Optional<String> ofRequester(String requesterKey) {
        return summary(Criteria.where("requesterKey").is(requesterKey));
    }

    @Override
    public String since(Instant since) {
        long made = mongo.count(Query.query(Criteria.where("createdAt").gte(since)), ReferenceRequest.class);
        long introduced = mongo.count(Query.query(Criteria.where("createdAt").gte(since).and("state")
                .in(RequestState.INTRODUCED, RequestState.CALL_HELD, RequestState.NO_SHOW, RequestState.WON, RequestState.LOST)),
                ReferenceRequest.class);
        Document won = won(Criteria.where("state").is(RequestState.WON).and("updatedAt").gte(since));
        return made + " made, " + introduced + " of them introduced, " + deals(won) + " deal(s) won"
                + (amount(won) > 0 ? " worth " + Money.format(amount(won)) : "");
    }

    private Optional<String> summary(Criteria key) {
        List<Document> rows = mongo.aggregate(Aggregation.newAggregation(Aggregation.match(key),
                Aggregation.group().count().as("requests")
                        .sum(ConditionalOperators.when(Criteria.where("state").is(RequestState.WON.name())).then(1).otherwise(0))
                        .as("deals")
                        .sum(ConditionalOperators.when(Criteria.where("state").is(RequestState.WON.name()))
                                .thenValueOf("wonAmount").otherwise(0)).as("amount")),
                ReferenceRequest.class, Document.class).getMappedResults();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Document d = rows.get(0);
        long requests = ((Number) d.get("requests")).longValue();
        return Optional.of(deals(d) + " deal(s) won" + (amount(d) > 0 ? " worth " + Money.format(amount(d)) : "")
                + " from " + requests + " request(s)");
    }

    private Document won(Criteria match) {
        List<Document> rows = mongo.aggregate(Aggregation.newAggregation(Aggregation.match(match),
                Aggregation.group().count().as("deals").sum("wonAmount").as("amount")),
                ReferenceRequest.class, Document.class).getMappedResults();
        return rows.isEmpty() ? new Document() : rows.get(0);
    }

    private static long deals(Document d) {
        return d.get("deals") == null ? 0 : ((Number) d.get("deals")).longValue();
    }

    private static long amount(Document d) {
        return d.get("amount") == null ? 0 : ((Number) d.get("amount")).longValue();
    }
}
