package com.referralloop.referral;

import com.referralloop.command.ChatReply;
import com.referralloop.command.CommandHandler;
import com.referralloop.command.Durations;
import com.referralloop.command.SimpleHandler;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.aggregation.Aggregation;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

/** {@code /referral stats}: what the program produced over a period, as anonymous counts. */
@Configuration(proxyBeanMethods = false)
class StatsCommand {

    @Bean
    CommandHandler referralStats(MongoTemplate mongo, Clock clock, Permissions permissions, List<ReferenceInfluence> influence) {
        return new SimpleHandler("referral", "stats", "/referral stats [period=30d]",
                "consents, asks, referrals and testimonials over a period", (args, user) -> {
            args.allowOnly("period");
            args.atMost(0);
            permissions.requireRep(user, "see referral-program figures");
            String period = args.option("period") == null ? "30d" : args.option("period");
            Duration d = Durations.parse(period);
            Instant since = clock.instant().minus(d);
            long consents = mongo.count(Query.query(Criteria.where("recordedAt").gte(since).and("withdrawn").is(false)), Consent.class);
            long withdrawals = mongo.count(Query.query(Criteria.where("recordedAt").gte(since).and("withdrawn").is(true)), Consent.class);
            // counted and summed in MongoDB: a busy year must not be read into memory for four numbers
            long asks = mongo.count(Query.query(Criteria.where("askedAt").gte(since)), ReferenceAsk.class);
            long overrides = mongo.count(Query.query(Criteria.where("askedAt").gte(since).and("override").ne(null)), ReferenceAsk.class);
            long askWins = mongo.count(Query.query(Criteria.where("askedAt").gte(since).and("outcome").is(RequestOutcome.WON)),
                    ReferenceAsk.class);
            long refs = mongo.count(Query.query(Criteria.where("createdAt").gte(since)), Referral.class);
            Document won = wonReferrals(mongo, since);
            long wonCount = won.get("n") == null ? 0 : ((Number) won.get("n")).longValue();
            long value = won.get("value") == null ? 0 : ((Number) won.get("value")).longValue();
            // by collection name: the testimonial feature depends on this one, not the other way round
            long published = mongo.count(Query.query(Criteria.where("history").elemMatch(
                    Criteria.where("to").is("PUBLISHED").and("at").gte(since))), "testimonials");
            StringBuilder b = new StringBuilder("Referral program, last " + period + ":\n"
                    + "• consents recorded: " + consents + ", withdrawn: " + withdrawals + "\n"
                    + "• reference asks: " + asks + " (" + overrides + " over the limit), won: " + askWins + "\n"
                    + "• referrals logged: " + refs + ", won: " + wonCount + (value > 0 ? " worth " + value : "") + "\n"
                    + "• testimonials published: " + published);
            influence.forEach(i -> b.append("\n• reference requests: ").append(i.since(since)));
            return ChatReply.ephemeral(b.toString());
        });
    }

    /** Referrals created in the period and won: their number and summed value, by one $match and $group. */
    private static Document wonReferrals(MongoTemplate mongo, Instant since) {
        List<Document> rows = mongo.aggregate(Aggregation.newAggregation(
                Aggregation.match(Criteria.where("createdAt").gte(since).and("status").is(ReferralStatus.WON)),
                Aggregation.group().count().as("n").sum("value").as("value")), Referral.class, Document.class).getMappedResults();
        return rows.isEmpty() ? new Document() : rows.get(0);
    }
}
