package com.referralloop.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.referralloop.referral.Referral;
import com.referralloop.referral.ReferralStatus;
import com.referralloop.support.DocumentsReturned;
import com.referralloop.support.Http;
import com.referralloop.support.IntegrationTest;
import com.referralloop.support.PageWalk;
import com.referralloop.support.Stores;
import java.io.IOException;
import java.io.StringReader;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import tools.jackson.databind.JsonNode;

/**
 * Referrals at scale: GET /api/dashboard/referral-trees comes a page of roots at a time, each with its tree, built
 * in MongoDB; GET /api/referrals.csv exports every referral in order, escaped, reading MongoDB a batch at a time.
 */
@IntegrationTest
@Import(DocumentsReturned.Config.class)
class ReferralScaleTest {

    static final int REFERRALS = 3000;
    static final Instant T0 = Instant.parse("2026-01-05T09:00:00Z");

    final Instant now = Instant.now();

    @Autowired
    MongoTemplate mongo;

    @Autowired
    DocumentsReturned returned;

    @Autowired
    ProgramFigures figures;

    Http http;

    @BeforeEach
    void startEmpty(@LocalServerPort int port) {
        Stores.clear(mongo);
        http = new Http(port);
    }

    @Test
    void rootsComeOldestFirstAPageAtATimeEachWithItsTree() {
        // GIVEN five roots this week (R-2 and R-3 logged in the same second), R-1 with a child and a grandchild,
        // and R-5's parent logged a year ago, outside the 7-day period, so R-5 is a root of the week
        mongo.insertAll(List.of(referral("R-1", null, 10), referral("R-2", null, 20), referral("R-3", null, 20),
                referral("R-4", null, 30), referral("R-1a", "R-1", 40), referral("R-1a1", "R-1a", 50),
                referral("OLD", null, -365 * 24 * 60), referral("R-5", "OLD", 60)));
        // WHEN walking the week's trees two roots a page
        List<JsonNode> pages = PageWalk.pages(http, "/api/dashboard/referral-trees?period=7d&limit=2");
        // THEN roots oldest first, ties by id, each once; children under their parents, not as roots
        assertThat(pages.stream().map(PageWalk::ids).toList())
                .containsExactly(List.of("R-1", "R-2"), List.of("R-3", "R-4"), List.of("R-5"));
        JsonNode first = pages.get(0).get(0);
        assertThat(first.path("label").asText()).isEqualTo("Ref R-1 → Lead R-1");
        assertThat(first.path("status").asText()).isEqualTo("NEW");
        assertThat(first.path("children").get(0).path("id").asText()).isEqualTo("R-1a");
        assertThat(first.path("children").get(0).path("children").get(0).path("id").asText()).isEqualTo("R-1a1");
        // the JSON shape of each item is as before: no cursor field leaks into it
        List<String> fields = new ArrayList<>(first.propertyNames());
        assertThat(fields).containsExactlyInAnyOrder("id", "label", "status", "children");
        // over all time OLD is the root and R-5 its child
        JsonNode all = PageWalk.pages(http, "/api/dashboard/referral-trees?period=all&limit=10").get(0);
        assertThat(PageWalk.ids(all)).containsExactly("OLD", "R-1", "R-2", "R-3", "R-4");
        assertThat(all.get(0).path("children").get(0).path("id").asText()).isEqualTo("R-5");
    }

    @Test
    void aPageReadsItsOwnTreesNotThePeriod() {
        // GIVEN 3,000 roots this week, the first with 20 children
        List<org.bson.Document> rows = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            rows.add(doc(String.format("R-%04d", i), null, i));
        }
        for (int i = 0; i < 20; i++) {
            rows.add(doc("C-" + i, "R-0000", 4000 + i));
        }
        Stores.insertInBatches(mongo, "referrals", rows);
        DashboardFilter week = DashboardFilter.of("7d", null, null, now);
        returned.reset();
        // WHEN the first page of five roots is read
        List<ProgramFigures.ReferralNode> page = figures.referralTrees(week, null, 5);
        // THEN it holds five roots, the first with its 20 children, and MongoDB returned about those 25 rows only
        assertThat(page).extracting(ProgramFigures.ReferralNode::id)
                .containsExactly("R-0000", "R-0001", "R-0002", "R-0003", "R-0004");
        assertThat(page.get(0).children()).hasSize(20);
        assertThat(returned.count()).isLessThan(40);
        // AND a cursor the API did not give out is refused with a message naming the header to send
        HttpResponse<String> bad = http.get("/api/dashboard/referral-trees?cursor=nope!");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("X-Next-Cursor");
    }

    @Test
    void everyReferralIsExportedInOrderAsCorrectCsvAndTheExportIsAudited() throws IOException {
        seedExport();
        // WHEN the CSV is downloaded
        HttpResponse<String> r = http.get("/api/referrals.csv");
        // THEN 200, the header row first, then every referral once, oldest first
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
        assertThat(r.headers().firstValue("Content-Disposition").orElse("")).contains("referrals.csv");
        assertThat(r.body().lines().findFirst().orElseThrow()).isEqualTo(String.join(",", ReferralCsv.HEADER));
        List<CSVRecord> records = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(r.body())).getRecords();
        assertThat(records).hasSize(REFERRALS);
        for (int i = 0; i < REFERRALS; i++) {
            assertThat(records.get(i).get("referral_id")).isEqualTo(String.format("R-%05d", i));
        }
        // each row carries its account's name (quoted where it holds a comma) and its time
        assertThat(records.get(0).get("referrer_account")).isEqualTo("Acme, Inc.");
        assertThat(records.get(1).get("referrer_account")).isEqualTo("Globex");
        assertThat(records.get(3).get("created_at")).isEqualTo(T0.plusSeconds(3).toString());
        // a formula is defused and its quotes and comma survive the round trip
        assertThat(records.get(7).get("referred_name")).isEqualTo("'=HYPERLINK(\"x\"), \"Dan\"");
        // AND the export left its audit entry, written once the response was complete
        assertThat(mongo.count(Query.query(Criteria.where("action").is("EXPORT_CSV")), "audit")).isEqualTo(1);
    }

    @Test
    void rowsAreHandedOnWhileTheCursorIsStillBeingRead() {
        seedExport();
        // WHEN the rows are exported through the figures, noting how much MongoDB had returned at the first row
        DashboardFilter all = DashboardFilter.of("all", null, null, Instant.now());
        AtomicLong readAtFirstRow = new AtomicLong(-1);
        AtomicLong rows = new AtomicLong();
        returned.reset();
        figures.referralRows(all, row -> {
            readAtFirstRow.compareAndSet(-1, returned.count());
            rows.incrementAndGet();
        });
        // THEN all 3,000 came, but the first was handed on after one cursor batch (plus its accounts), not all rows
        assertThat(rows.get()).isEqualTo(REFERRALS);
        assertThat(readAtFirstRow.get()).isPositive().isLessThanOrEqualTo(600);
        assertThat(returned.count()).isGreaterThanOrEqualTo(REFERRALS);
    }

    private void seedExport() {
        // GIVEN 3,000 referrals stored in reverse order of creation, one of them with a name CSV must quote and defuse
        List<Document> rows = new ArrayList<>();
        for (int i = REFERRALS - 1; i >= 0; i--) {
            String name = i == 7 ? "=HYPERLINK(\"x\"), \"Dan\"" : "Lead " + i;
            rows.add(new Document("_id", String.format("R-%05d", i)).append("referrerContactId", "c" + i + "@acme.com")
                    .append("referrerName", "c" + i + "@acme.com").append("accountId", i % 2 == 0 ? "A-1" : "A-2")
                    .append("referredName", name).append("generation", 1).append("status", "NEW").append("value", 0L)
                    .append("createdAt", java.util.Date.from(T0.plusSeconds(i))));
        }
        Stores.insertInBatches(mongo, "referrals", rows);
        mongo.getCollection("accounts").insertMany(List.of(new Document("_id", "A-1").append("name", "Acme, Inc."),
                new Document("_id", "A-2").append("name", "Globex")));
    }

    private Referral referral(String id, String parent, int minutes) {
        Instant at = now.minusSeconds(3600L * 24).plusSeconds(60L * minutes);
        return new Referral(id, "C-" + id, "Ref " + id, "C-R-0", "A-1", "Lead " + id, null, null, parent,
                parent == null ? 1 : 2, ReferralStatus.NEW, 0, "test", at, at);
    }

    private org.bson.Document doc(String id, String parent, int seconds) {
        java.util.Date at = java.util.Date.from(now.minusSeconds(3600L * 24).plusSeconds(seconds));
        return new org.bson.Document("_id", id).append("referrerName", "Ref " + id).append("referredName", "Lead " + id)
                .append("accountId", "A-1").append("parentId", parent).append("generation", parent == null ? 1 : 2)
                .append("status", "NEW").append("value", 0L).append("createdAt", at).append("updatedAt", at);
    }
}
