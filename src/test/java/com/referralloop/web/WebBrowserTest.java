package com.referralloop.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.referralloop.account.AccountService;
import com.referralloop.feedback.FeedbackService;
import com.referralloop.feedback.SurveyResponse;
import com.referralloop.followup.FollowUp;
import com.referralloop.followup.FollowUpState;
import com.referralloop.support.IntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;

/** A real headless Chromium over seeded data: the dashboard's charts and figures, and the playground. */
@IntegrationTest
// own context (own store file): the foundation tests drop the database, which the embedded server does not
// survive while another test class's background work (outbox, sweeps) still touches it
class WebBrowserTest {

    @RegisterExtension
    static final BrowserSession browser = new BrowserSession();

    WebDriver driver;

    @LocalServerPort
    int port;

    @Autowired
    MongoTemplate mongo;

    @Autowired
    AccountService accounts;

    @Autowired
    FeedbackService feedback;

    @BeforeEach
    void seed() {
        driver = browser.driver();
        WebSeed.clear(mongo);
        WebSeed.load(accounts, feedback);
        await().atMost(Duration.ofSeconds(15)).until(() -> mongo.count(new Query(), FollowUp.class) == 5);
    }

    @Test
    void dashboardDrawsChartsAndShowsTheSeededFigures() throws Exception {
        // GIVEN six answers (3 promoters, 1 passive, 2 detractors) and five open follow-ups
        // WHEN the dashboard is loaded over loopback
        driver.get("http://127.0.0.1:" + port + "/");
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(20));
        wait.until(d -> d.findElement(By.tagName("body")).getAttribute("data-charts-ready") != null);

        // THEN the figures match the seed
        assertThat(text("nps-value")).isEqualTo(String.valueOf(WebSeed.NPS));
        assertThat(text("responses-count")).isEqualTo("6");
        assertThat(text("promoters-count")).isEqualTo("3");
        assertThat(text("passives-count")).isEqualTo("1");
        assertThat(text("detractors-count")).isEqualTo("2");
        assertThat(text("funnel-promoters")).isEqualTo("3");
        assertThat(driver.findElement(By.cssSelector("[data-testid=owners-table]")).getText())
                .contains(WebSeed.REP).contains(WebSeed.OTHER);
        // AND ECharts drew its SVG into every chart that has data
        for (String chart : List.of("chart-nps-week", "chart-mix", "chart-funnel", "chart-owners")) {
            List<WebElement> svg = driver.findElements(By.cssSelector("[data-testid=" + chart + "] svg"));
            assertThat(svg).as(chart + " has an ECharts svg").isNotEmpty();
            assertThat(svg.get(0).findElements(By.cssSelector("path, rect, text")).size()).as(chart).isGreaterThan(3);
        }
        assertThat(driver.findElement(By.cssSelector("[data-testid=chart-mix] svg")).getText()).contains("NPS");
        // AND the SLA card uses the gauge's three words
        assertThat(text("sla-summary")).matches("\\d+ on time · \\d+ late · \\d+ overdue");
        assertThat(text("unassigned-count")).isEqualTo("0");
        screenshot("dashboard.png");

        // WHEN a promoter nobody's account knows answers
        feedback.store(new SurveyResponse("nps", "stranger-" + System.nanoTime(), 10, null, "who@nowhere.example", null,
                null, "{}"));
        await().atMost(Duration.ofSeconds(15)).until(() -> mongo.count(new Query(), FollowUp.class) == 6);
        driver.get("http://127.0.0.1:" + port + "/");
        // THEN the owners card counts it as unassigned and links to the list that holds it
        assertThat(text("unassigned-count")).isEqualTo("1");
        driver.findElement(By.cssSelector("[data-testid=unassigned-link]")).click();
        new WebDriverWait(driver, Duration.ofSeconds(10)).until(d -> d.getPageSource().contains("who@nowhere.example"));
        assertThat(driver.getPageSource()).doesNotContain(WebSeed.REP);
    }

    @Test
    void playgroundRunsACommandAndAFollowUpButtonChangesTheStore() throws Exception {
        // GIVEN the playground, acting as the owner of Acme
        driver.get("http://127.0.0.1:" + port + "/playground?as=" + WebSeed.REP + "&scope=all");
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(20));

        // WHEN the same command as in Slack is typed
        WebElement input = driver.findElement(By.cssSelector("[data-testid=command-input]"));
        input.clear();
        input.sendKeys("/followup list all");
        driver.findElement(By.cssSelector("[data-testid=command-send]")).click();

        // THEN the command layer's reply is shown, listing every open follow-up
        WebElement reply = wait.until(d -> d.findElement(By.cssSelector("[data-testid=reply-text]")));
        assertThat(reply.getText()).contains("Open follow-ups (all)");
        for (FollowUp f : mongo.findAll(FollowUp.class)) {
            assertThat(reply.getText()).contains(f.id());
        }
        // AND the comment's markup is shown as text, not interpreted
        assertThat(driver.getPageSource()).doesNotContain("comment <b>").contains("comment &lt;b&gt;");
        screenshot("playground-command.png");

        // WHEN "Snooze 1 day" is clicked on a follow-up message
        WebElement snooze = driver.findElement(By.cssSelector("button[data-action='followup.snooze-1d']"));
        String id = snooze.getAttribute("data-value");
        Instant clicked = Instant.now();
        snooze.click();

        // THEN the follow-up is snoozed in MongoDB for a day and the page shows the updated message
        wait.until(d -> d.findElements(By.cssSelector("[data-testid=reply] [data-testid=message]")).size() == 1);
        FollowUp after = mongo.findById(id, FollowUp.class);
        assertThat(after.state()).isEqualTo(FollowUpState.SNOOZED);
        assertThat(after.snoozedUntil()).isBetween(clicked.plus(Duration.ofHours(23)), clicked.plus(Duration.ofHours(25)));
        assertThat(after.lastActor()).isEqualTo(WebSeed.REP);
        assertThat(driver.findElement(By.cssSelector("[data-testid=reply]")).getText()).contains("snoozed until");
        screenshot("playground-snoozed.png");
    }

    @Test
    void aButtonThatOpensAFormIsAnsweredWithAnHtmlFormWhoseInputsReachTheAction() throws Exception {
        // GIVEN the playground showing all open follow-ups
        driver.get("http://127.0.0.1:" + port + "/playground?as=" + WebSeed.REP + "&scope=all");
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(20));

        // WHEN "Not suitable" is clicked, the form it opens is filled in and saved
        WebElement notSuitable = driver.findElement(By.cssSelector("button[data-action='followup.not-suitable']"));
        String id = notSuitable.getAttribute("data-value");
        notSuitable.click();
        WebElement form = wait.until(d -> d.findElement(By.cssSelector("[data-testid=reply-form]")));
        form.findElement(By.name("in.reason")).sendKeys("works for a competitor");
        screenshot("playground-form.png");
        form.findElement(By.cssSelector("button[type=submit]")).click();

        // THEN the follow-up is closed as not suitable, with the reason typed
        wait.until(d -> d.findElements(By.cssSelector("[data-testid=reply] [data-testid=message]")).size() == 1);
        FollowUp after = mongo.findById(id, FollowUp.class);
        assertThat(after.state()).isEqualTo(FollowUpState.CLOSED);
        assertThat(after.outcome()).isEqualTo(com.referralloop.followup.FollowUpOutcome.NOT_SUITABLE);
        assertThat(after.outcomeNote()).isEqualTo("works for a competitor");
    }

    @Test
    void helpIsRichTextAndAStoredScriptCommentIsShownAsText() throws Exception {
        // GIVEN a survey answer whose comment carries a script tag and mrkdwn around it
        feedback.store(new com.referralloop.feedback.SurveyResponse("nps-q4", "r-xss", 10,
                "*<script>window.pwned=1</script>* <img src=x onerror=window.pwned=2>", "alice@acme.com", null,
                Instant.now().minus(Duration.ofHours(2)), "{}"));
        await().atMost(Duration.ofSeconds(15)).until(() -> mongo.count(new Query(), FollowUp.class) == 6);

        // WHEN /referral help is sent in the playground
        driver.get("http://127.0.0.1:" + port + "/playground?as=" + WebSeed.REP + "&scope=all");
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(20));
        WebElement input = driver.findElement(By.cssSelector("[data-testid=command-input]"));
        input.sendKeys("/referral help");
        driver.findElement(By.cssSelector("[data-testid=command-send]")).click();

        // THEN the help reads as Slack shows it: bold command, code usage lines in a list, no raw markers
        WebElement reply = wait.until(d -> d.findElement(By.cssSelector("[data-testid=reply-text]")));
        assertThat(reply.findElement(By.tagName("strong")).getText()).isEqualTo("/referral");
        assertThat(reply.findElements(By.cssSelector("li code"))).hasSizeGreaterThan(3);
        assertThat(reply.getText()).doesNotContain("*").doesNotContain("`").contains("sub-commands:");
        // AND the stored comment's markup is visible text: no script or img element, nothing ran
        WebElement comment = driver.findElements(By.cssSelector("[data-testid=message-text]")).stream()
                .filter(e -> e.getText().contains("pwned")).findFirst().orElseThrow();
        assertThat(comment.getText()).contains("<script>window.pwned=1</script>").contains("<img src=x onerror");
        assertThat(comment.findElements(By.cssSelector("script, img"))).isEmpty();
        assertThat(((org.openqa.selenium.JavascriptExecutor) driver).executeScript("return window.pwned === undefined"))
                .isEqualTo(true);
        screenshot("playground-rich-help.png");
    }

    private String text(String testId) {
        return driver.findElement(By.cssSelector("[data-testid=" + testId + "]")).getText().trim();
    }

    private static void screenshot(String name) throws Exception {
        Chromium.screenshot(browser.driver(), name);
    }
}
