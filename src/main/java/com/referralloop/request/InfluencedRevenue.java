package com.referralloop.request;

import java.util.List;
import org.bson.Document;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.aggregation.Aggregation;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.stereotype.Service;

/**
 * Reference-influenced revenue: the won value of requests, summed in MongoDB per reference contact, account,
 * project or requester ($match on the won state first, then $group).
 */
@Service
public class InfluencedRevenue {

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
}
