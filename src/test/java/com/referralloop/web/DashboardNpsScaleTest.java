package com.referralloop.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.referralloop.support.DocumentsReturned;
import com.referralloop.support.IntegrationTest;
import com.referralloop.support.Stores;
import com.referralloop.web.DashboardFigures.Nps;
import com.referralloop.web.DashboardFigures.NpsWeek;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import com.referralloop.store.EmbeddedStore;
import java.util.Map;
import org.springframework.context.annotation.Import;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * The dashboard's NPS figures past the old 50,000-row read cap: MongoDB groups the answers per day and
 * category, the figures are exact, and the app receives a few rows per day instead of every answer; a second
 * read takes the past days from the counts kept per day ({@link KeptDays}).
 */
@IntegrationTest
@Import(DocumentsReturned.Config.class)
class DashboardNpsScaleTest {

    @Autowired
    MongoTemplate mongo;

    @Autowired
    DashboardService dashboard;

    @Autowired
    DocumentsReturned returned;

    @Test
    void npsIsExactPastFiftyThousandAnswersAndReadsOnlyDailyCounts() {
        // GIVEN 60,000 scored answers over the last 20 days (a third each promoter, passive, detractor), seeded in bulk
        Stores.clear(mongo);
        Instant now = Instant.now();
        Set<String> dayAndCategory = new HashSet<>();
        List<Document> batch = new ArrayList<>();
        for (int i = 0; i < 60_000; i++) {
            String category = i % 3 == 0 ? "PROMOTER" : i % 3 == 1 ? "PASSIVE" : "DETRACTOR";
            Instant at = now.minusSeconds(3600L * 24 * (i % 20) + 60);
            dayAndCategory.add(at.atZone(ZoneOffset.UTC).toLocalDate() + category);
            batch.add(new Document("_id", "scale|r-" + i).append("source", "scale").append("responseId", "r-" + i)
                    .append("score", i % 3 == 0 ? 10 : i % 3 == 1 ? 8 : 3).append("category", category)
                    .append("respondedAt", Date.from(at)).append("receivedAt", Date.from(at))
                    .append("followUpDone", true).append("deliveries", 1));
        }
        Stores.insertInBatches(mongo, "feedback", batch);
        DashboardFilter month = dashboard.filter("30d", null, null);
        returned.reset();
        Map<String, Long> coveredBefore = EmbeddedStore.coveredReadsByIndex();
        // WHEN the NPS is computed a first time (it counts the answers and keeps the past days' counts)
        Nps first = dashboard.nps(month);
        Map<String, Long> covered = EmbeddedStore.coveredReadsByIndex();
        long firstRead = returned.count();
        // THEN every answer is counted (the old cap read 50,000 and said nothing)
        assertThat(first).isEqualTo(new Nps(0, 60_000, 20_000, 20_000, 20_000));
        // AND the store handed back rows per day and category (and source), not the answers
        assertThat(firstRead).isLessThanOrEqualTo(dayAndCategory.size() + 10);
        // AND it counted them from index entries, no answer fetched
        String both = "feedback_responded_figures + feedback_received_figures";
        assertThat(covered.getOrDefault(both, 0L) - coveredBefore.getOrDefault(both, 0L)).as(covered + " " + coveredBefore).isPositive();

        // GIVEN an answer written past the app (without the updatedAt every store of the app sets) on a past day:
        // the kept counts cannot see it, so a figure that counts it was counted from the answers again
        mongo.getCollection("feedback").insertOne(new Document("_id", "scale|unseen").append("source", "scale")
                .append("score", 10).append("category", "PROMOTER").append("respondedAt", Date.from(now.minusSeconds(86_400L * 10)))
                .append("receivedAt", Date.from(now.minusSeconds(86_400L * 10))));
        returned.reset();
        // WHEN the NPS and the weekly series are read again
        Nps nps = dashboard.nps(month);
        long again = returned.count();
        List<NpsWeek> weeks = dashboard.npsByWeek(month);
        // THEN they come from the kept days: the same figures, one document per past day of the period
        assertThat(nps).isEqualTo(first);
        assertThat(weeks.stream().mapToLong(NpsWeek::responses).sum()).isEqualTo(60_000);
        assertThat(weeks.stream().mapToLong(NpsWeek::promoters).sum()).isEqualTo(20_000);
        assertThat(again).isLessThanOrEqualTo(31 + 2 * 3 + 3);
        // AND the answer counts once it is stored through the app (here: its updatedAt set, as every store sets it)
        mongo.getCollection("feedback").updateOne(new Document("_id", "scale|unseen"),
                new Document("$set", new Document("updatedAt", new Date())));
        assertThat(dashboard.nps(month).promoters()).isEqualTo(20_001);
    }
}
