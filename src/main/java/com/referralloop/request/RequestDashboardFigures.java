package com.referralloop.request;

import com.referralloop.account.Account;
import com.referralloop.account.AccountService;
import com.referralloop.web.DashboardFilter;
import com.referralloop.web.RequestFigures;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.bson.Document;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.aggregation.Aggregation;
import org.springframework.data.mongodb.core.aggregation.DateOperators;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.stereotype.Component;

/**
 * The dashboard's request chart, grouped in MongoDB: requests of the period by state ($match on the indexed
 * createdAt, $group by state) and won deals per quarter ($match on the indexed state and updatedAt — a won
 * request is final, so updatedAt is when it was won — then $group by year and quarter).
 */
@Component
class RequestDashboardFigures implements RequestFigures {

    private final MongoTemplate mongo;
    private final AccountService accounts;

    RequestDashboardFigures(MongoTemplate mongo, AccountService accounts) {
        this.mongo = mongo;
        this.accounts = accounts;
    }

    @Override
    public Map<String, Long> byStage(DashboardFilter f) {
        Map<String, Long> out = new LinkedHashMap<>();
        for (RequestState s : RequestState.values()) {
            out.put(s.name().toLowerCase(Locale.ROOT), 0L);
        }
        Aggregation a = Aggregation.newAggregation(Aggregation.match(period(f, "createdAt")),
                Aggregation.group("state").count().as("n"));
        for (Document d : mongo.aggregate(a, ReferenceRequest.class, Document.class).getMappedResults()) {
            out.put(String.valueOf(d.get("_id")).toLowerCase(Locale.ROOT), ((Number) d.get("n")).longValue());
        }
        return out;
    }

    @Override
    public List<QuarterInfluence> influenceByQuarter(DashboardFilter f) {
        Aggregation a = Aggregation.newAggregation(
                Aggregation.match(period(f, "updatedAt").and("state").is(RequestState.WON)),
                Aggregation.project("wonAmount").and(DateOperators.Year.yearOf("updatedAt")).as("year")
                        .and(DateOperators.Month.monthOf("updatedAt")).as("month"),
                Aggregation.group("year", "month").count().as("deals").sum("wonAmount").as("amount"),
                Aggregation.sort(Sort.by("_id.year", "_id.month")));
        Map<String, long[]> quarters = new LinkedHashMap<>();
        for (Document d : mongo.aggregate(a, ReferenceRequest.class, Document.class).getMappedResults()) {
            Document id = d.get("_id", Document.class);
            int month = ((Number) id.get("month")).intValue();
            String q = id.get("year") + "-Q" + ((month - 1) / 3 + 1);
            long[] sum = quarters.computeIfAbsent(q, k -> new long[2]);
            sum[0] += ((Number) d.get("deals")).longValue();
            sum[1] += d.get("amount") == null ? 0 : ((Number) d.get("amount")).longValue();
        }
        List<QuarterInfluence> out = new ArrayList<>();
        quarters.forEach((q, v) -> out.add(new QuarterInfluence(q, v[0], v[1])));
        return out;
    }

    private Criteria period(DashboardFilter f, String field) {
        Criteria c = f.to() == null ? Criteria.where(field).gte(f.from()) : Criteria.where(field).gte(f.from()).lt(f.to());
        if (f.owner() != null) {
            c = c.and("accountId").in(accounts.ownedBy(f.owner()).stream().map(Account::id).toList());
        }
        return c;
    }
}
