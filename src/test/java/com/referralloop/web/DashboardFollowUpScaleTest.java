package com.referralloop.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.referralloop.support.DocumentsReturned;
import com.referralloop.support.IntegrationTest;
import com.referralloop.support.Stores;
import com.referralloop.web.DashboardFigures.Funnel;
import com.referralloop.web.DashboardFigures.OwnerLoad;
import com.referralloop.web.DashboardFigures.Sla;
import com.referralloop.web.DashboardFigures.TimeToImpact;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import com.referralloop.store.EmbeddedStore;
import java.util.Map;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * The dashboard's follow-up figures past the old 50,000-row read cap: acted-on promoters, SLA, time to impact
 * and open work per owner are grouped in MongoDB, exact, and the app receives a few documents whatever the size;
 * a second read takes the past days from the counts kept per day ({@link KeptDays}).
 */
@IntegrationTest
@Import(DocumentsReturned.Config.class)
class DashboardFollowUpScaleTest {

    @Autowired
    MongoTemplate mongo;
    @Autowired
    DashboardService dashboard;
    @Autowired
    DocumentsReturned returned;

    @Test
    void followUpFiguresAreExactPastFiftyThousandAndReadOnlyTheirCounts() {
        // GIVEN 60,000 follow-ups answered over the last 20 days, in five kinds of five
        Stores.clear(mongo);
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        List<Document> batch = new ArrayList<>();
        for (int i = 0; i < 60_000; i++) {
            Instant created = now.minus(Duration.ofDays(i % 20)).minus(Duration.ofHours(3));
            Instant due = created.plus(Duration.ofHours(48));
            Document d = new Document("_id", "F" + i).append("feedbackId", "scale|" + i).append("kind", "PROMOTER")
                    .append("score", 10).append("source", "scale").append("ownerEmail", i % 2 == 0 ? "sam@vendor.com" : "li@vendor.com")
                    .append("createdAt", Date.from(created)).append("answeredAt", Date.from(created))
                    .append("dueAt", Date.from(due)).append("escalationLevel", 0);
            switch (i % 5) {
                case 0 -> d.append("state", "CLOSED").append("outcome", "REFERRAL_ASKED")        // on time, 2 h to impact
                        .append("actedAt", Date.from(created.plus(Duration.ofHours(2))))
                        .append("closedAt", Date.from(created.plus(Duration.ofHours(2))));
                case 1 -> d.append("state", "CLOSED").append("outcome", "CONSENT_RECORDED")      // late, 60 h to impact
                        .append("actedAt", Date.from(created.plus(Duration.ofHours(60))))
                        .append("closedAt", Date.from(created.plus(Duration.ofHours(60))));
                case 2 -> d.append("state", "ACKNOWLEDGED").append("actedAt", Date.from(created.plus(Duration.ofHours(1))));
                case 3 -> d.append("state", "CLOSED").append("outcome", "DECLINED")              // on time, not impact
                        .append("actedAt", Date.from(created.plus(Duration.ofHours(5))))
                        .append("closedAt", Date.from(created.plus(Duration.ofHours(5))));
                default -> d.append("state", "OPEN");                                            // overdue or pending
            }
            batch.add(d);
        }
        Stores.insertInBatches(mongo, "followups", batch);
        DashboardFilter month = dashboard.filter("30d", null, null);

        // WHEN the figures are computed
        returned.reset();
        Map<String, Long> coveredBefore = EmbeddedStore.coveredReadsByIndex();
        Funnel funnel = dashboard.funnel(month);
        Sla sla = dashboard.sla(month);
        TimeToImpact impact = dashboard.timeToImpact(month);
        List<OwnerLoad> owners = dashboard.owners(month, DashboardService.OWNERS_SHOWN);
        long read = returned.count();
        Map<String, Long> covered = EmbeddedStore.coveredReadsByIndex();

        // THEN every follow-up counts (the old cap read 50,000 and said nothing)
        assertThat(funnel.promoters()).isEqualTo(60_000);
        assertThat(funnel.acknowledged()).isEqualTo(48_000);
        // open ones answered 3 h ago are pending (due in 45 h); the other 9 days' worth are overdue
        long openOverdue = countOpen(now, true);
        assertThat(sla).isEqualTo(new Sla(36_000, 12_000, openOverdue, 12_000 - openOverdue,
                (int) Math.round(100.0 * 36_000 / (48_000 + openOverdue))));
        assertThat(impact.outcomes()).isEqualTo(24_000);
        assertThat(impact.medianHours()).isEqualTo(2.0);
        assertThat(impact.p90Hours()).isEqualTo(60.0);
        assertThat(impact.averageHours()).isEqualTo(31.0);
        assertThat(owners).extracting(OwnerLoad::owner).containsExactlyInAnyOrder("sam@vendor.com", "li@vendor.com");
        assertThat(owners.stream().mapToLong(OwnerLoad::open).sum()).isEqualTo(24_000);
        // AND the store handed back counts per day (two groupings, three figures), not the follow-ups
        assertThat(read).isLessThanOrEqualTo(3 * (20 * 3 + 12) + 2);
        // AND the embedded store counted them from index entries, never fetching a follow-up
        assertThat(covered.getOrDefault("followup_figures", 0L) - coveredBefore.getOrDefault("followup_figures", 0L))
                .isPositive();
        assertThat(covered.getOrDefault("followup_open_owners", 0L) - coveredBefore.getOrDefault("followup_open_owners", 0L))
                .isEqualTo(1);

        // GIVEN a follow-up written past the app (no changedAt, created long ago) on a past day: the kept days
        // cannot see it, so a figure that counts it was counted from the follow-ups again
        mongo.getCollection("followups").insertOne(new Document("_id", "F-unseen").append("feedbackId", "scale|unseen")
                .append("kind", "PROMOTER").append("source", "scale").append("state", "OPEN")
                .append("createdAt", Date.from(now.minus(Duration.ofDays(400)))).append("answeredAt", Date.from(now.minus(Duration.ofDays(10)))));
        // WHEN the figures are read again
        returned.reset();
        Funnel again = dashboard.funnel(month);
        Sla slaAgain = dashboard.sla(month);
        TimeToImpact impactAgain = dashboard.timeToImpact(month);
        long readAgain = returned.count();
        // THEN they come from the kept days: the same figures, about one document per past day and figure
        assertThat(again).isEqualTo(funnel);
        assertThat(slaAgain).isEqualTo(sla);
        assertThat(impactAgain).isEqualTo(impact);
        assertThat(readAgain).isLessThanOrEqualTo(3 * (31 + 6));
        // AND it counts once the app's stamp says it changed
        mongo.getCollection("followups").updateOne(new Document("_id", "F-unseen"),
                new Document("$set", new Document("changedAt", new Date())));
        assertThat(dashboard.funnel(month).promoters()).isEqualTo(60_001);
        // AND the owner filter applies to the open work
        assertThat(dashboard.owners(dashboard.filter("30d", "SAM@vendor.com", null), DashboardService.OWNERS_SHOWN)).singleElement()
                .satisfies(o -> assertThat(o.open()).isEqualTo(12_000));
    }

    @Test
    void theOwnersTableShowsTheBusiestAndUnassignedAndCountsTheRestInTheStore() {
        // GIVEN 50 owners with i+1 open follow-ups each (owner 49 the busiest), and one answer nobody owns
        Stores.clear(mongo);
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        List<Document> batch = new ArrayList<>();
        for (int o = 0; o < 50; o++) {
            for (int k = 0; k <= o; k++) {
                batch.add(new Document("_id", "F" + o + "-" + k).append("feedbackId", "owners|" + o + "-" + k)
                        .append("kind", "PROMOTER").append("state", "OPEN").append("ownerEmail", "rep%02d@vendor.com".formatted(o))
                        .append("createdAt", Date.from(now)).append("answeredAt", Date.from(now))
                        .append("dueAt", Date.from(now.plus(Duration.ofHours(48)))));
            }
        }
        batch.add(new Document("_id", "F-none").append("feedbackId", "owners|none").append("kind", "DETRACTOR")
                .append("state", "OPEN").append("createdAt", Date.from(now)).append("answeredAt", Date.from(now)));
        Stores.insertInBatches(mongo, "followups", batch);
        DashboardFilter all = dashboard.filter("30d", null, null);

        // WHEN the page's figures are computed
        returned.reset();
        DashboardFigures.All page = dashboard.all(all);
        List<OwnerLoad> api = dashboard.owners(all, 5);

        // THEN the table holds the 20 busiest owners, plus "unassigned" first in the store's cut, and says 51 have work
        assertThat(page.owners()).hasSize(DashboardService.OWNERS_SHOWN);
        assertThat(page.owners()).extracting(OwnerLoad::owner).contains("unassigned", "rep49@vendor.com")
                .doesNotContain("rep30@vendor.com");
        assertThat(page.owners().get(0)).isEqualTo(new OwnerLoad("rep49@vendor.com", 50, 0));
        assertThat(page.ownersWithOpen()).isEqualTo(51);
        assertThat(api).extracting(OwnerLoad::owner).containsExactly("rep49@vendor.com", "rep48@vendor.com",
                "rep47@vendor.com", "rep46@vendor.com", "unassigned");
    }

    private long countOpen(Instant now, boolean overdue) {
        long n = 0;
        for (int i = 4; i < 60_000; i += 5) {
            Instant due = now.minus(Duration.ofDays(i % 20)).minus(Duration.ofHours(3)).plus(Duration.ofHours(48));
            if (now.isAfter(due) == overdue) {
                n++;
            }
        }
        return n;
    }
}
