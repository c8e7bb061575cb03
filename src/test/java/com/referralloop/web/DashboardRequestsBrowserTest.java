package com.referralloop.web;

import static com.referralloop.referral.ProgramFixture.OTHER_REP;
import static com.referralloop.referral.ProgramFixture.OWNER;
import static com.referralloop.referral.ProgramFixture.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.referralloop.chat.ChatUser;
import com.referralloop.chat.Platform;
import com.referralloop.command.ChatReply;
import com.referralloop.command.CommandRouter;
import com.referralloop.reference.ReferenceProject;
import com.referralloop.referral.ProgramFixture;
import com.referralloop.request.ReferenceRequest;
import com.referralloop.request.RequestState;
import com.referralloop.support.Http;
import com.referralloop.support.MutableClock;
import com.referralloop.support.TimedTest;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

/**
 * The dashboard's "Reference requests" card in a real Chromium, over requests made through the same commands
 * reps type: stage counts, influenced revenue in the quarter each deal was won, the filters, the empty state.
 */
@TimedTest
class DashboardRequestsBrowserTest {

    static final ChatUser SELLER = new ChatUser(Platform.SLACK, "USELLER", "Sam Seller", "sam@vendor.com", Set.of(),
            ChatUser.Membership.MEMBER);

    @RegisterExtension
    static final BrowserSession browser = new BrowserSession();

    final int port;
    final MongoTemplate mongo;
    final CommandRouter router;
    final MutableClock clock;
    WebDriver driver;
    Instant now;
    String acme;
    String globex;

    DashboardRequestsBrowserTest(@LocalServerPort int port, @Autowired MongoTemplate mongo, @Autowired CommandRouter router,
                                 @Autowired MutableClock clock) {
        this.port = port;
        this.mongo = mongo;
        this.router = router;
        this.clock = clock;
    }

    @BeforeEach
    void seed() {
        driver = browser.driver();
        now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        clock.set(now);
        ProgramFixture.freshReferenceCustomers(mongo, new Http(port), router);
        acme = project("A-1");
        globex = project("A-2");
    }

    @Test
    void theCardShowsRequestsByStageAndInfluencedRevenueInTheQuarterEachDealWasWon() throws Exception {
        // GIVEN a deal won 120 days ago (another quarter) worth 30k
        clock.set(now.minus(Duration.ofDays(120)));
        Instant earlyWin = won("Umbrella", "30k");
        // AND ten days ago: one request declined by the owner, one won for 24k, one the customer said no to, one open
        clock.set(now.minus(Duration.ofDays(10)));
        ok(run(router, SELLER, "reference", "request " + acme + " for=Wayne"));
        ok(run(router, OWNER, "reference", "decline " + idOf("Wayne") + " reason=\"renewal under way\""));
        Instant recentWin = won("Hooli", "24k");
        ok(run(router, SELLER, "reference", "request " + acme + " for=Vandelay"));
        ok(run(router, OWNER, "reference", "approve " + idOf("Vandelay")));
        ok(run(router, OWNER, "reference", "answer " + idOf("Vandelay") + " no"));
        ok(run(router, SELLER, "reference", "request " + globex + " for=Initech"));
        clock.set(now);
        assertThat(mongo.findById(idOf("Vandelay"), ReferenceRequest.class).state()).isEqualTo(RequestState.CUSTOMER_DECLINED);

        // WHEN the dashboard is opened for the last 30 days
        open("/?period=30d");

        // THEN the summary and the stage bars count the four recent requests in people's words
        assertThat(text("requests-summary")).isEqualTo("4 requests · 1 won · 24,000 influenced");
        assertThat(stageRows()).containsExactlyInAnyOrder("Requested 1", "Declined by owner 1", "Customer no 1", "Won 1");
        assertDrawn("chart-request-stages", "Customer no");
        assertThat(driver.findElement(By.cssSelector("[data-testid=chart-request-stages]")).getAttribute("aria-label"))
                .contains("4 requests · 1 won · 24,000 influenced");
        // AND the 24k is in the quarter it was won, the older deal is outside the period
        assertThat(revenueRows()).containsExactly(label(recentWin) + " 1 24,000");
        assertDrawn("chart-request-revenue", "24,000");
        Chromium.screenshot(driver, "dashboard-requests.png");

        // WHEN the period is a year, THEN both quarters are listed, oldest first, with their own amounts
        open("/?period=365d");
        assertThat(text("requests-summary")).isEqualTo("5 requests · 2 won · 54,000 influenced");
        assertThat(revenueRows()).containsExactly(label(earlyWin) + " 1 30,000", label(recentWin) + " 1 24,000");
        assertThat(driver.findElement(By.cssSelector("[data-quarter='" + quarter(earlyWin) + "'] [data-testid=quarter-amount]"))
                .getText()).isEqualTo("30,000");

        // WHEN Globex's owner is chosen, THEN only the Globex request counts
        open("/?period=365d&owner=other@vendor.com");
        assertThat(text("requests-summary")).isEqualTo("1 request · 0 won · 0 influenced");
        assertThat(stageRows()).containsExactly("Requested 1");
        assertThat(driver.findElements(By.cssSelector("[data-testid=chart-request-revenue]"))).isEmpty();

        // WHEN the period is the last 7 days, THEN the card says there is nothing and how reps ask
        open("/?period=7d");
        assertThat(text("requests-summary")).isEqualTo("0 requests · 0 won · 0 influenced");
        assertThat(text("requests-empty")).startsWith("No reference requests in this period").contains("/reference request");
        assertThat(driver.findElements(By.cssSelector("[data-testid=chart-request-stages]"))).isEmpty();
        Chromium.screenshot(driver, "dashboard-requests-empty.png");
    }

    @Test
    void aChosenSurveySourceIsSaidNotToApplyToRequests() throws Exception {
        // GIVEN one open request
        ok(run(router, SELLER, "reference", "request " + globex + " for=Initech"));

        // WHEN the dashboard is filtered by a survey source
        open("/?period=30d&source=nps-q4");

        // THEN the request still counts and the card says why the source filter leaves it in
        assertThat(text("requests-summary")).isEqualTo("1 request · 0 won · 0 influenced");
        assertThat(text("requests-source-note")).contains("source filter does not apply");
    }

    /** Requests, approves, gets the customer's yes and records the deal won; returns when it was won. */
    private Instant won(String prospect, String amount) {
        ok(run(router, SELLER, "reference", "request " + acme + " for=" + prospect + " amount=" + amount));
        String id = idOf(prospect);
        ok(run(router, OWNER, "reference", "approve " + id));
        ok(run(router, OWNER, "reference", "answer " + id + " yes"));
        ok(run(router, SELLER, "reference", "outcome " + id + " won " + amount));
        ReferenceRequest r = mongo.findById(id, ReferenceRequest.class);
        assertThat(r.state()).isEqualTo(RequestState.WON);
        return r.updatedAt();
    }

    private void open(String path) {
        browser.openDashboard(port, path);
        // the card sits low on the page: bring it into the viewport for the screenshots
        ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView()",
                driver.findElement(By.cssSelector("[data-testid=requests-card]")));
    }

    private void assertDrawn(String chart, String text) {
        List<WebElement> svg = driver.findElements(By.cssSelector("[data-testid=" + chart + "] svg"));
        assertThat(svg).as(chart + " has an ECharts svg").isNotEmpty();
        assertThat(svg.get(0).findElements(By.cssSelector("path, rect")).size()).as(chart).isGreaterThan(1);
        assertThat(svg.get(0).getText()).as(chart).contains(text);
    }

    private List<String> stageRows() {
        return rows("request-stages");
    }

    private List<String> revenueRows() {
        return rows("request-revenue");
    }

    private List<String> rows(String table) {
        return driver.findElements(By.cssSelector("[data-testid=" + table + "] tbody tr")).stream()
                .map(tr -> tr.getText().trim().replaceAll("\\s+", " ")).toList();
    }

    private static String quarter(Instant at) {
        ZonedDateTime t = at.atZone(ZoneOffset.UTC);
        return t.getYear() + "-Q" + ((t.getMonthValue() - 1) / 3 + 1);
    }

    private static String label(Instant at) {
        ZonedDateTime t = at.atZone(ZoneOffset.UTC);
        return "Q" + ((t.getMonthValue() - 1) / 3 + 1) + " " + t.getYear();
    }

    private String text(String testId) {
        return browser.text(testId);
    }

    private String idOf(String prospect) {
        return mongo.findOne(Query.query(Criteria.where("prospect").is(prospect)), ReferenceRequest.class).id();
    }

    private String project(String accountId) {
        return mongo.findOne(Query.query(Criteria.where("accountId").is(accountId)), ReferenceProject.class).id();
    }

    private static void ok(ChatReply r) {
        assertThat(r.error()).as(r.text()).isFalse();
    }
}
