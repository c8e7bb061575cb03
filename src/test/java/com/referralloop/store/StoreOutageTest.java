package com.referralloop.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.referralloop.chat.outbox.OutboxMessage;
import com.referralloop.chat.outbox.OutboxState;
import com.referralloop.feedback.Feedback;
import com.referralloop.followup.FollowUp;
import com.referralloop.support.Http;
import com.referralloop.support.IntegrationTest;
import com.referralloop.support.WebhookSigner;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * MongoDB stopped in mid-run and started again: webhooks answer 503 quickly meanwhile (so the survey
 * tool retries), nothing is half-stored, and the bot recovers by itself. The store is a wire-protocol
 * server this test owns (H2 file backend, like production's embedded store), on a fixed port so it can
 * come back at the same address.
 */
@IntegrationTest
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class StoreOutageTest {

    static final String API_TOKEN = "outage-test-api-token";
    static final Map<String, String> AUTH = Map.of("Authorization", "Bearer " + API_TOKEN);

    static Path dir;
    static int storePort;
    static MongoServer server;

    @LocalServerPort
    int port;

    @Autowired
    MongoTemplate mongo;

    @DynamicPropertySource
    static void store(DynamicPropertyRegistry registry) throws IOException {
        dir = Files.createTempDirectory("referral-outage");
        try (ServerSocket probe = new ServerSocket(0)) {
            storePort = probe.getLocalPort();
        }
        startStore();
        registry.add("referral.store.uri", () -> "mongodb://127.0.0.1:" + storePort + "/referral");
        // an external store is production: the API answers only with the token
        registry.add("referral.api.token", () -> API_TOKEN);
    }

    static void startStore() {
        RuntimeException last = null;
        for (int i = 0; i < 50; i++) {
            MongoServer s = new MongoServer(new H2Backend(dir.resolve("store.mv").toString()));
            try {
                s.bind(new InetSocketAddress("127.0.0.1", storePort));
                server = s;
                return;
            } catch (RuntimeException portNotFreeYet) {
                last = portNotFreeYet;
                s.shutdownNow();
                sleep(100);
            }
        }
        throw last;
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @AfterAll
    static void stopStore() {
        if (server != null) {
            server.shutdownNow();
        }
    }

    HttpResponse<String> send(Http http, String responseId, int score) {
        String body = """
                {"responseId":"%s","source":"nps-q4","score":%d,"email":"alice@acme.com"}""".formatted(responseId, score);
        return http.post("/webhooks/feedback", "application/json", body, WebhookSigner.headers(body));
    }

    long followUpsFor(String responseId) {
        return mongo.count(Query.query(Criteria.where("feedbackId").is("nps-q4|" + responseId)), FollowUp.class);
    }

    @Test
    void webhooksAnswer503WhileTheStoreIsDownAndTheBotRecoversByItself() {
        Http http = new Http(port);
        // GIVEN an account and two promoter answers stored while MongoDB is up
        String csv = """
                account_id,account_name,owner_email,owner_slack_id,owner_discord_id,manager_email,cs_channel,contact_email,contact_name
                A-1,Acme,rep@vendor.com,,,,,alice@acme.com,Alice
                """;
        assertThat(http.post("/api/accounts/import", "text/csv", csv, AUTH).statusCode()).isEqualTo(200);
        assertThat(send(http, "before-1", 9).statusCode()).isEqualTo(202);
        assertThat(send(http, "before-2", 10).statusCode()).isEqualTo(202);

        // WHEN MongoDB stops (connections cut, port closed)
        server.shutdownNow();

        // THEN a webhook is refused with 503 + Retry-After within a few seconds, not after the driver's 30 s
        long t0 = System.nanoTime();
        HttpResponse<String> during = send(http, "during-1", 9);
        Duration took = Duration.ofNanos(System.nanoTime() - t0);
        assertThat(during.statusCode()).isEqualTo(503);
        assertThat(during.body()).contains("store unavailable, retry later");
        assertThat(during.headers().firstValue("Retry-After")).isPresent();
        assertThat(took).isLessThan(Duration.ofSeconds(10));
        // and the API says the same instead of hanging or answering 500
        assertThat(http.get("/api/followups", AUTH).statusCode()).isEqualTo(503);

        // WHEN MongoDB comes back at the same address with the same data
        startStore();

        // THEN the next webhook is accepted with no restart of the bot
        HttpResponse<String> after = send(http, "after-1", 9);
        assertThat(after.statusCode()).isEqualTo(202);
        // the answer refused during the outage left no partial record; the provider's retry stores it
        assertThat(mongo.findById("nps-q4|during-1", Feedback.class)).isNull();
        assertThat(send(http, "during-1", 9).statusCode()).isEqualTo(202);

        // and every answer, including those stored before the outage, has exactly one follow-up, delivered once
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            for (String id : new String[] {"before-1", "before-2", "during-1", "after-1"}) {
                assertThat(followUpsFor(id)).as(id).isEqualTo(1);
            }
            assertThat(mongo.count(Query.query(Criteria.where("state").is(OutboxState.SENT)), OutboxMessage.class))
                    .isEqualTo(4);
        });
        assertThat(mongo.count(new Query(), Feedback.class)).isEqualTo(4);
        assertThat(mongo.count(new Query(), FollowUp.class)).isEqualTo(4);
        assertThat(mongo.count(new Query(), OutboxMessage.class)).isEqualTo(4);
        assertThat(mongo.count(Query.query(Criteria.where("followUpDone").is(false)), Feedback.class)).isZero();
    }
}
