package com.referralloop.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.referralloop.support.Http;
import com.referralloop.support.IntegrationTest;
import com.referralloop.support.PageCursor;
import com.referralloop.web.ProgramFigures.ReferenceCustomer;
import com.referralloop.web.ProgramFigures.ReferralNode;
import com.referralloop.web.ProgramFigures.ReferralRow;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.data.mongodb.core.MongoTemplate;

/** A referral feature's {@link ProgramFigures} bean replaces the empty default on the page, the JSON and the CSV. */
@IntegrationTest
@Import(ProgramFiguresWiringTest.FakeProgram.class)
class ProgramFiguresWiringTest {

    @TestConfiguration
    static class FakeProgram {

        @Bean
        @org.springframework.context.annotation.Primary
        ProgramFigures programFigures() {
            return new ProgramFigures() {
                @Override
                public long consents(DashboardFilter filter) {
                    return 4;
                }

                @Override
                public long referencesUsed(DashboardFilter filter) {
                    return 3;
                }

                @Override
                public long testimonials(DashboardFilter filter) {
                    return 2;
                }

                @Override
                public long referrals(DashboardFilter filter) {
                    return 5;
                }

                @Override
                public List<ReferenceCustomer> topReferences(DashboardFilter filter, int limit) {
                    return List.of(new ReferenceCustomer("A-1", "Acme", "Alice <Smith>", "A", 2),
                            new ReferenceCustomer("A-2", "Globex", "Carol Diaz", "1", 1));
                }

                @Override
                public List<ReferralNode> referralTrees(DashboardFilter filter, PageCursor after, int count) {
                    return List.of(new ReferralNode("R1", "Alice (Acme) → Dan at Initech", "WON", List.of(
                                    new ReferralNode("R2", "Dan → Erin at Hooli", "OPEN", List.of()),
                                    new ReferralNode("R3", "Dan → Frank at Vandelay", "NEW", List.of()))),
                            new ReferralNode("R4", "Carol (Globex) → Grace at Stark", "OPEN", List.of()));
                }

                @Override
                public void referralRows(DashboardFilter filter, Consumer<ReferralRow> sink) {
                    sink.accept(new ReferralRow("R1", "alice@acme.com", "Acme", "Dan Lee", "dan@initech.com", "Initech",
                            null, 1, "WON", Instant.parse("2026-11-20T09:00:00Z")));
                }
            };
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    MongoTemplate mongo;

    static WebDriver driver;

    @BeforeEach
    void clean() {
        WebSeed.clear(mongo);
    }

    @AfterAll
    static void stop() {
        if (driver != null) {
            driver.quit();
        }
    }

    @Test
    void programFiguresFeedTheJsonAndTheCsv() {
        Http http = new Http(port);
        // WHEN the funnel and the CSV are read with a program bean present
        String funnel = http.get("/api/dashboard/funnel").body();
        HttpResponse<String> csv = http.get("/api/referrals.csv");
        // THEN they carry its figures
        assertThat(funnel).contains("\"consents\":4").contains("\"referencesUsed\":3").contains("\"testimonials\":2")
                .contains("\"referrals\":5");
        assertThat(csv.body().lines().toList()).hasSize(2);
        assertThat(csv.body()).contains("R1,alice@acme.com,Acme,Dan Lee,dan@initech.com,Initech,,1,WON,2026-11-20T09:00:00Z");
        assertThat(http.get("/api/dashboard/referral-trees").body()).contains("Dan → Erin at Hooli");
    }

    @Test
    void dashboardShowsTopReferencesAndDrawsTheReferralTrees() throws Exception {
        driver = Chromium.start();
        // WHEN the dashboard is loaded
        driver.get("http://127.0.0.1:" + port + "/");
        new WebDriverWait(driver, Duration.ofSeconds(20))
                .until(d -> d.findElement(By.tagName("body")).getAttribute("data-charts-ready") != null);
        // THEN the reference table lists the bean's customers, escaped, and the tree chart holds every referral
        String table = driver.findElement(By.cssSelector("[data-testid=top-references]")).getText();
        assertThat(table).contains("Acme").contains("Alice <Smith>").contains("Globex");
        assertThat(driver.findElement(By.cssSelector("[data-testid=funnel-referrals]")).getText()).isEqualTo("5");
        String tree = driver.findElement(By.cssSelector("[data-testid=chart-trees] svg")).getText();
        assertThat(tree).contains("Dan → Erin at Hooli").contains("Carol (Globex) → Grace at Stark");
        Chromium.screenshot(driver, "dashboard-program.png");
    }
}
