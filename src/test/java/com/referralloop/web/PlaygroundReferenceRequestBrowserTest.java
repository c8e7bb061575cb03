package com.referralloop.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.referralloop.chat.ChatUser;
import com.referralloop.chat.Platform;
import com.referralloop.command.ActionInvocation;
import com.referralloop.command.ActionRouter;
import com.referralloop.command.ChatReply;
import com.referralloop.command.CommandRouter;
import com.referralloop.reference.ReferenceProject;
import com.referralloop.referral.ProgramFixture;
import com.referralloop.request.ReferenceRequest;
import com.referralloop.request.RequestActions;
import com.referralloop.request.RequestState;
import com.referralloop.support.Http;
import com.referralloop.support.IntegrationTest;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

/**
 * Issue 14: the reference-request path of SlackReferenceRequestTest, walked in the web playground in a real
 * Chromium. A rep who owns Globex and Initech but not Acme finds Alice (Acme) and requests her with the result's
 * button form; Acme's owner approves from the playground; Alice says yes on her Slack button (the playground
 * cannot act as a customer); the rep records the deal won for 24k and the programme figures count it.
 */
@IntegrationTest
class PlaygroundReferenceRequestBrowserTest {

    /** Owns Globex (A-2) and Initech (A-3), not Acme (A-1): listed in the user picker as an imported owner. */
    static final String SELLER = "other@vendor.com";
    /** Owner of Acme, the reference's account. */
    static final String OWNER = "rep@vendor.com";
    /** Alice as her Slack button click reaches the bot: her contact_slack_id from the import. */
    static final ChatUser ALICE = new ChatUser(Platform.SLACK, "U0ALICE", "Alice Smith", "alice@acme.com");

    @RegisterExtension
    static final BrowserSession browser = new BrowserSession();

    int port;
    MongoTemplate mongo;
    ActionRouter actions;
    WebDriver driver;
    WebDriverWait wait;
    String acmeProject;

    @BeforeEach
    void seed(@LocalServerPort int port, @Autowired MongoTemplate mongo, @Autowired CommandRouter router,
              @Autowired ActionRouter actions) {
        this.port = port;
        this.mongo = mongo;
        this.actions = actions;
        driver = browser.driver();
        wait = new WebDriverWait(driver, Duration.ofSeconds(20));
        // Acme's Alice (active consent) and Globex's Carol are reference customers; each has a "migration" project
        ProgramFixture.freshReferenceCustomers(mongo, new Http(port), router);
        acmeProject = mongo.findOne(Query.query(Criteria.where("accountId").is("A-1")), ReferenceProject.class).id();
    }

    @Test
    void aRepWithoutTheAccountRequestsTheOwnerApprovesTheCustomerSaysYesAndTheWonDealIsCounted() throws Exception {
        // GIVEN the playground, acting as the rep who does not own Acme
        driver.get("http://127.0.0.1:" + port + "/playground?as=" + SELLER);
        assertThat(new Select(picker()).getFirstSelectedOption().getText()).isEqualTo(SELLER);
        assertThat(new Select(picker()).getOptions()).extracting(WebElement::getText).contains(SELLER, OWNER);

        // WHEN they search for a migration reference
        send("/reference find strength=migration");
        // THEN Alice at Acme is offered without her email, with a Request button carrying the reference's handle
        String found = reply().getText();
        assertThat(found).contains("References, best first").contains("Alice Smith").contains("Acme")
                .contains("CRM migration").doesNotContain("alice@acme.com");
        WebElement request = driver.findElements(By.cssSelector("button[data-action='" + RequestActions.OPEN + "']"))
                .stream().filter(b -> b.getAttribute("data-value").startsWith(acmeProject + ".")).findFirst().orElseThrow();
        assertThat(request.getText()).startsWith("Request #");
        Chromium.screenshot(driver, "playground-reference-find.png");

        // WHEN Request is clicked / THEN the request form opens; it is filled in and sent to the owner
        request.click();
        WebElement form = wait.until(d -> d.findElement(By.cssSelector("[data-testid=reply-form]")));
        assertThat(form.getText()).contains("Request reference " + acmeProject);
        form.findElement(By.name("in.for")).sendKeys("Hooli");
        form.findElement(By.name("in.industry")).sendKeys("retail");
        form.findElement(By.name("in.amount")).sendKeys("24k");
        form.findElement(By.cssSelector("button[type=submit]")).click();
        String requested = replyText();
        assertThat(requested).contains("for Hooli from the owner of Acme");
        ReferenceRequest r = await().atMost(Duration.ofSeconds(10)).until(() -> mongo.findAll(ReferenceRequest.class),
                l -> l.size() == 1).get(0);
        assertThat(requested).contains("Requested " + r.id());
        assertThat(r.state()).isEqualTo(RequestState.REQUESTED);
        assertThat(r.amount()).isEqualTo(24_000L);
        assertThat(r.accountId()).isEqualTo("A-1");

        // WHEN the picker is switched to Acme's owner / THEN the request waits for their approval
        new Select(picker()).selectByValue(OWNER);
        wait.until(d -> d.getCurrentUrl().contains("as=" + OWNER.replace("@", "%40"))
                || d.getCurrentUrl().contains("as=" + OWNER));
        assertThat(new Select(picker()).getFirstSelectedOption().getText()).isEqualTo(OWNER);
        send("/reference requests to-approve");
        assertThat(replyText()).contains("Requests waiting for your approval (1)").contains(r.id()).contains("Hooli");

        // WHEN the owner approves / THEN the ask is counted and the customer is asked
        send("/reference approve " + r.id());
        assertThat(replyText()).contains("Approved " + r.id() + " and counted the ask");
        await().atMost(Duration.ofSeconds(10)).until(() -> state(r.id()) == RequestState.APPROVED);
        Chromium.screenshot(driver, "playground-reference-approved.png");

        // WHEN Alice clicks Yes on the question (her Slack button; the playground acts only as owners)
        ChatReply yes = actions.handle(new ActionInvocation(RequestActions.CUSTOMER_YES, r.id(), ALICE, Map.of()));
        assertThat(yes.error()).as(yes.text()).isFalse();
        assertThat(yes.text()).contains("Thank you");
        // THEN the request is introduced
        await().atMost(Duration.ofSeconds(10)).until(() -> state(r.id()) == RequestState.INTRODUCED);

        // WHEN the rep, back in the playground, records the deal won for 24k
        new Select(picker()).selectByValue(SELLER);
        wait.until(d -> new Select(picker()).getFirstSelectedOption().getText().equals(SELLER));
        send("/reference requests mine");
        assertThat(replyText()).contains(r.id()).contains("Hooli").contains("introduced");
        send("/reference outcome " + r.id() + " won 24k");
        // THEN the page says 24,000 was influenced and the store holds the win
        assertThat(replyText()).isEqualTo("Request " + r.id() + " (Hooli): won, 24,000 influenced by the reference.");
        ReferenceRequest won = mongo.findById(r.id(), ReferenceRequest.class);
        assertThat(won.state()).isEqualTo(RequestState.WON);
        assertThat(won.wonAmount()).isEqualTo(24_000L);
        assertThat(won.events()).extracting(e -> e.to()).containsExactly(RequestState.REQUESTED, RequestState.APPROVED,
                RequestState.INTRODUCED, RequestState.WON);

        // AND the programme figures in the playground count the deal
        send("/referral stats period=7d");
        assertThat(replyText()).contains("reference requests: 1 made, 1 of them introduced, 1 deal(s) won worth 24,000");
        send("/reference influence");
        assertThat(replyText()).contains("Acme: 24,000 (1 deal)");
        Chromium.screenshot(driver, "playground-reference-won.png");
    }

    private WebElement picker() {
        return driver.findElement(By.cssSelector("[data-testid=user-picker]"));
    }

    /** Types a command line as the picked user and waits for the page that shows its reply. */
    private void send(String line) {
        WebElement input = driver.findElement(By.cssSelector("[data-testid=command-input]"));
        input.clear();
        input.sendKeys(line);
        WebElement old = driver.findElement(By.cssSelector("[data-testid=command-send]"));
        old.click();
        wait.until(d -> {
            try {
                old.isDisplayed();
                return false;
            } catch (org.openqa.selenium.WebDriverException gone) {
                // stale, or, while the new page replaces the old one, Chrome's "Node with given id does not
                // belong to the document": either way the old page is gone
                return true;
            }
        });
        reply();
    }

    private WebElement reply() {
        return wait.until(d -> d.findElement(By.cssSelector("[data-testid=reply]")));
    }

    private String replyText() {
        return wait.until(d -> d.findElement(By.cssSelector("[data-testid=reply-text]"))).getText().trim();
    }

    private RequestState state(String id) {
        ReferenceRequest r = mongo.findById(id, ReferenceRequest.class);
        return r == null ? null : r.state();
    }
}
