package com.referralloop.crm.hubspot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.referralloop.chat.outbox.OutboxMessage;
import com.referralloop.chat.outbox.OutboxState;
import com.referralloop.command.ChatReply;
import com.referralloop.command.CommandRouter;
import com.referralloop.followup.FollowUp;
import com.referralloop.referral.ProgramFixture;
import com.referralloop.support.Http;
import com.referralloop.support.IntegrationTest;
import com.referralloop.support.SurveyAnswers;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.json.JsonMapper;

/**
 * The whole app connected to one local HubSpot stub, shared by the write-back tests (one Spring context).
 * Before each test the store is emptied and the stub holds Acme (company 1001, owned by the rep) with Alice
 * and Bob; the bot learns them through a real sync, and {@code POST /api/crm/setup} creates the bot's
 * properties, so every test starts from a connected portal and sees only the calls it causes.
 */
@IntegrationTest
abstract class HubSpotWriteBackBase {

    /** Not closed after a class: the classes of this base share it, as they share their context. */
    static final HubSpotStub HUBSPOT = new HubSpotStub();
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final String ACME = "1001";
    static final String ALICE = "alice@acme.com";
    static final String BOB = "bob@acme.com";

    @DynamicPropertySource
    static void hubspot(DynamicPropertyRegistry r) {
        HUBSPOT.connect(r);
        r.add("referral.crm.token-retry", () -> "300ms");
    }

    @LocalServerPort
    int port;
    @Autowired
    MongoTemplate mongo;
    @Autowired
    CommandRouter router;

    Http http;

    @BeforeEach
    void connectedPortal() {
        ProgramFixture.clean(mongo);
        HUBSPOT.reset();
        http = new Http(port);
        Instant t = Instant.parse("2026-10-01T00:00:00Z");
        HUBSPOT.owners.put("77", "rep@vendor.com");
        HUBSPOT.company(ACME, "Acme", "77", t, Map.of());
        HUBSPOT.contact("501", ALICE, "Alice", "Smith", ACME, t, Map.of());
        HUBSPOT.contact("502", BOB, "Bob", "Jones", ACME, t, Map.of());
        HttpResponse<String> sync = http.post("/api/crm/sync", "application/json", "", Map.of());
        assertThat(sync.statusCode()).as(sync.body()).isEqualTo(200);
        HttpResponse<String> setup = http.post("/api/crm/setup", "application/json", "", Map.of());
        assertThat(setup.statusCode()).as(setup.body()).isEqualTo(200);
        HUBSPOT.calls.clear();
    }

    /** A command typed by Acme's owner. */
    ChatReply owner(String command, String text) {
        ChatReply reply = ProgramFixture.run(router, ProgramFixture.OWNER, command, text);
        assertThat(reply.error()).as(reply.text()).isFalse();
        return reply;
    }

    /** A survey answer, signed the way the survey tool signs it. */
    void answer(String responseId, int score, String email, String comment, Instant respondedAt) {
        SurveyAnswers.post(http, responseId, score, email, comment, respondedAt);
    }

    /** The follow-up of an answer, once it was opened. */
    FollowUp awaitFollowUp(String responseId) {
        return SurveyAnswers.awaitFollowUp(mongo, responseId);
    }

    /** The note creations HubSpot received (not the searches under the same path). */
    static List<HubSpotStub.Call> noteCreations() {
        return calls("POST", "/crm/v3/objects/notes", c -> c.path().equals("/crm/v3/objects/notes"));
    }

    /** The stub's properties of the contact with this email. */
    static Map<String, Object> contactProps(String email) {
        return HUBSPOT.contacts.values().stream().filter(c -> email.equalsIgnoreCase(String.valueOf(c.properties().get("email"))))
                .findFirst().orElseThrow().properties();
    }

    static Map<String, Object> companyProps(String id) {
        return HUBSPOT.companies.get(id).properties();
    }

    /** Waits until the contact's property holds the value in the stub. */
    void awaitContact(String email, String property, String value) {
        awaitTrue(() -> Objects.equals(value, contactProps(email).get(property)),
                () -> email + "." + property + " = " + contactProps(email).get(property));
    }

    void awaitCompany(String id, String property, String value) {
        awaitTrue(() -> Objects.equals(value, companyProps(id).get(property)),
                () -> id + "." + property + " = " + companyProps(id).get(property));
    }

    /** The calls the stub received with this method and path start whose body matches. */
    static List<HubSpotStub.Call> calls(String method, String path, Predicate<HubSpotStub.Call> matching) {
        return HUBSPOT.calls(method, path).stream().filter(matching).toList();
    }

    /** The CRM writes in the outbox whose fact starts so ("nps:", "rating:", ...). */
    List<OutboxMessage> writes(String factPrefix) {
        return mongo.find(Query.query(Criteria.where("dedupeKey").regex("^crm-write:hubspot:" + factPrefix)),
                OutboxMessage.class);
    }

    /** Waits until every queued CRM write went out, so counts of calls are final. */
    void awaitWritesSent() {
        awaitTrue(() -> !writes("").isEmpty() && writes("").stream().allMatch(m -> m.state() == OutboxState.SENT),
                () -> "CRM writes: " + writes(""));
    }

    static void awaitTrue(java.util.concurrent.Callable<Boolean> condition, java.util.function.Supplier<String> shown) {
        try {
            await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(50)).until(condition);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("timed out; " + shown.get() + "; stub calls " + HUBSPOT.calls, e);
        }
    }
}
