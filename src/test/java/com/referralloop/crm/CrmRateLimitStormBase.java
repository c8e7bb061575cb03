package com.referralloop.crm;

import static org.assertj.core.api.Assertions.assertThat;

import com.referralloop.account.Contact;
import com.referralloop.chat.outbox.OutboxMessage;
import com.referralloop.chat.outbox.OutboxState;
import com.referralloop.command.ChatReply;
import com.referralloop.command.CommandRouter;
import com.referralloop.referral.ProgramFixture;
import com.referralloop.support.FakeSlackApi;
import com.referralloop.support.Http;
import com.referralloop.support.IntegrationTest;
import com.referralloop.support.RateLimitStorm;
import com.referralloop.support.SlackRequestSigner;
import com.referralloop.support.WebhookSigner;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A rate-limit storm at the CRM while the bot is busy with it (issue 15): 100 ratings queued in chat, a sync
 * running, and a promoter answering the survey, while the CRM stub answers three calls in four with 429
 * Retry-After 1 for a few seconds. Every write must land once, the sync must finish with the right mark, no
 * call may reach the CRM inside a Retry-After it answered, and Slack must stay prompt. One subclass per CRM
 * says how its stub is seeded and how a rating shows there.
 */
@IntegrationTest
@TestPropertySource(properties = {
        "referral.slack.bot-token=xoxb-test-token",
        "referral.slack.signing-secret=" + SlackRequestSigner.SECRET,
        "referral.crm.initial-delay=1h",
        "referral.crm.token-retry=300ms"
})
public abstract class CrmRateLimitStormBase {

    protected static final int ACCOUNTS = 100;
    protected static final String REP_EMAIL = "rep@vendor.com";
    static final FakeSlackApi SLACK = FakeSlackApi.shared();
    static final String REP_SLACK_ID = "USTORMREP";
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final Duration STORM = Duration.ofSeconds(4);
    /** Arrivals this close to a 429's answer were on their way before it (clock granularity, the stub's queue). */
    static final Duration IN_FLIGHT = Duration.ofMillis(5);
    static final int NEW_CONTACTS = 20;

    @DynamicPropertySource
    static void slackApi(DynamicPropertyRegistry r) {
        r.add("referral.slack.api-url", SLACK::apiUrl);
    }

    @LocalServerPort
    int port;
    @Autowired
    MongoTemplate mongo;
    @Autowired
    CommandRouter router;

    Http http;
    private final String crm;
    private final RateLimitStorm storm;

    /**
     * @param crm   the CRM's name in outbox keys
     * @param storm the storm its stub plays
     */
    protected CrmRateLimitStormBase(String crm, RateLimitStorm storm) {
        this.crm = crm;
        this.storm = storm;
    }

    protected Http http() {
        return http;
    }

    /** Empties the stub and gives it {@link #ACCOUNTS} accounts owned by the rep, each with one contact. */
    protected abstract void seed(Instant modified);

    protected abstract String accountId(int i);

    /** Contact {@code i} of account {@code i}, the promoter of account 0. */
    protected static String contactEmail(int i) {
        return "person" + i + "@company" + i + ".com";
    }

    /** A contact the rep adds to account 0 in the CRM after the first sync. */
    protected abstract void addContact(String email, Instant modified);

    /** How the stub names the call that writes an account's rating (RateLimitStorm.Answer#what). */
    protected abstract String ratingCall(String accountId);

    /** The rating the stub holds for the account. */
    protected abstract Object ratingAt(String accountId);

    /** What the app needs beyond a sync to write (HubSpot: its properties created). */
    protected void setUpFields() {
    }

    @BeforeEach
    void connected() {
        ProgramFixture.clean(mongo);
        SLACK.reset();
        SLACK.user(REP_SLACK_ID, REP_EMAIL);
        http = new Http(port);
        seed(Instant.parse("2026-10-01T00:00:00Z"));
        JsonNode first = sync();
        assertThat(first.path("outcome").asString()).as(first.toString()).isEqualTo("OK");
        setUpFields();
    }

    @Test
    void everyWriteLandsOnceTheSyncFinishesNoCallBreaksARetryAfterAndSlackStaysPrompt() throws Exception {
        // GIVEN the rep added contacts to account 0 in the CRM since the last sync (stamped a minute ahead of this
        // machine's clock, so the contact the promoter's own write touches, stamped now, sorts before them)
        Instant changed = Instant.now().plus(Duration.ofMinutes(1)).truncatedTo(ChronoUnit.MILLIS);
        for (int i = 0; i < NEW_CONTACTS; i++) {
            addContact("new" + i + "@company0.com", changed.plusMillis(i));
        }
        Instant newestChange = changed.plusMillis(NEW_CONTACTS - 1);

        // WHEN the CRM starts a storm of 429s with Retry-After 1, a sync runs, the owner rates every account in
        // chat, and a promoter answers the survey through the signed webhook
        storm.start(STORM, 1);
        long stormStarted = System.nanoTime();
        CompletableFuture<JsonNode> syncing = CompletableFuture.supplyAsync(this::sync);
        CompletableFuture<Void> rating = CompletableFuture.runAsync(() -> IntStream.range(0, ACCOUNTS)
                .forEach(i -> owner("rate " + accountId(i) + " A")));
        Thread.sleep(300);
        long answered = System.nanoTime();
        promoterAnswers();

        // THEN the follow-up reaches Slack within 2 s, while the storm still rages
        awaitSlackDm(Duration.ofSeconds(2));
        long slackMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - answered);
        assertThat(storm.raging()).as("the storm was over before Slack had the follow-up").isTrue();

        // AND every write goes out in the end: the 100 ratings and the promoter's NPS write
        rating.get(30, TimeUnit.SECONDS);
        awaitAllWritesSent(ACCOUNTS + 1);
        JsonNode run = syncing.get(60, TimeUnit.SECONDS);

        // AND each rating landed at the CRM exactly once: no loss, no duplicate
        for (int i = 0; i < ACCOUNTS; i++) {
            String id = accountId(i);
            assertThat(storm.answers()).as("rating writes of %s", id)
                    .filteredOn(a -> a.what().equals(ratingCall(id)) && a.status() >= 200 && a.status() < 300)
                    .hasSize(1);
            assertThat(ratingAt(id)).as("rating of %s", id).isEqualTo("A");
        }
        // AND the storm was real: writes waited and the sync waited out Retry-Afters, then finished with the
        // contacts mark on the newest change and the new contacts stored
        assertThat(storm.count(429)).isGreaterThanOrEqualTo(2);
        long waited = writes().stream().filter(m -> m.throttled() > 0).count();
        assertThat(waited).isPositive();
        assertThat(run.path("outcome").asString()).as(run.toString()).isEqualTo("OK");
        assertThat(run.path("counts").path("rateLimitWaits").asInt()).isPositive();
        assertThat(run.path("contactsMark").asString()).isEqualTo(newestChange.toString());
        assertThat(mongo.count(Query.query(Criteria.where("accountId").is(accountId(0)).and("email").regex("^new\\d+@")),
                Contact.class)).isEqualTo(NEW_CONTACTS);
        // AND no call reached the CRM while a Retry-After it had answered was running, from any thread
        assertThat(storm.callsInsideQuiet(IN_FLIGHT)).isEmpty();
        System.out.printf("CRM storm (%s): %d calls answered, %d of them 429; %d writes waited; Slack follow-up after %d ms; "
                        + "all %d writes sent %d ms after the storm began%n", crm, storm.answers().size(),
                storm.count(429), waited, slackMs, ACCOUNTS + 1,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - stormStarted));
    }

    private void owner(String text) {
        ChatReply reply = ProgramFixture.run(router, ProgramFixture.OWNER, "referral", text);
        assertThat(reply.error()).as(reply.text()).isFalse();
    }

    /** Contact 0 answers 10 through the survey webhook, signed as the survey tool signs it. */
    private void promoterAnswers() {
        String body = JSON.writeValueAsString(Map.of("responseId", "storm-1", "source", "nps", "score", 10,
                "email", contactEmail(0), "comment", "Great launch"));
        HttpResponse<String> r = http.post("/webhooks/feedback", "application/json", body, WebhookSigner.headers(body));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
    }

    private void awaitSlackDm(Duration within) {
        try {
            Awaitility.await().atMost(within).pollInterval(Duration.ofMillis(20)).until(() -> SLACK.calls("chat.postMessage")
                    .stream().anyMatch(c -> ("D" + REP_SLACK_ID).equals(c.param("channel"))));
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("no follow-up in Slack within " + within + "; Slack calls " + SLACK.calls(), e);
        }
    }

    private List<OutboxMessage> writes() {
        return mongo.find(Query.query(Criteria.where("dedupeKey").regex("^crm-write:" + crm + ":")), OutboxMessage.class);
    }

    private void awaitAllWritesSent(int count) {
        try {
            Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> {
                List<OutboxMessage> w = writes();
                return w.size() == count && w.stream().allMatch(m -> m.state() == OutboxState.SENT);
            });
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("CRM writes not all sent: " + writes().stream()
                    .filter(m -> m.state() != OutboxState.SENT).map(m -> m.dedupeKey() + " " + m.state() + " " + m.lastError())
                    .toList(), e);
        }
    }

    /** The run's answer (the status shows the same counts). */
    JsonNode sync() {
        HttpResponse<String> r = http.post("/api/crm/sync", "application/json", "", Map.of());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }
}
