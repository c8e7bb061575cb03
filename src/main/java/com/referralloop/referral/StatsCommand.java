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
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

/** {@code /referral stats}: what the program produced over a period, as anonymous counts. */
@Configuration(proxyBeanMethods = false)
class StatsCommand {

    @Bean
    CommandHandler referralStats(MongoTemplate mongo, Clock clock, Permissions permissions) {
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
            List<ReferenceAsk> asks = mongo.find(Query.query(Criteria.where("askedAt").gte(since)), ReferenceAsk.class);
            long overrides = asks.stream().filter(a -> a.override() != null).count();
            long askWins = asks.stream().filter(a -> a.outcome() == RequestOutcome.WON).count();
            List<Referral> refs = mongo.find(Query.query(Criteria.where("createdAt").gte(since)), Referral.class);
            long won = refs.stream().filter(r -> r.status() == ReferralStatus.WON).count();
            long value = refs.stream().filter(r -> r.status() == ReferralStatus.WON).mapToLong(Referral::value).sum();
            // by collection name: the testimonial feature depends on this one, not the other way round
            long published = mongo.count(Query.query(Criteria.where("history").elemMatch(
                    Criteria.where("to").is("PUBLISHED").and("at").gte(since))), "testimonials");
            return ChatReply.ephemeral("Referral program, last " + period + ":\n"
                    + "• consents recorded: " + consents + ", withdrawn: " + withdrawals + "\n"
                    + "• reference asks: " + asks.size() + " (" + overrides + " over the limit), won: " + askWins + "\n"
                    + "• referrals logged: " + refs.size() + ", won: " + won + (value > 0 ? " worth " + value : "") + "\n"
                    + "• testimonials published: " + published);
        });
    }
}
