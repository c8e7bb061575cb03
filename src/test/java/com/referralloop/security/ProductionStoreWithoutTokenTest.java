package com.referralloop.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.referralloop.support.Http;
import com.referralloop.support.IntegrationTest;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The bot on an external store (MONGODB_URI, here a wire-protocol server on its own port) with no API token:
 * every /api request is refused from this machine too, and the start-up log said why.
 */
@IntegrationTest
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@ExtendWith(OutputCaptureExtension.class)
class ProductionStoreWithoutTokenTest {

    static MongoServer server;

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void store(DynamicPropertyRegistry registry) {
        server = new MongoServer(new MemoryBackend());
        InetSocketAddress address = server.bind();
        registry.add("referral.store.uri", () -> "mongodb://127.0.0.1:" + address.getPort() + "/referral");
    }

    @AfterAll
    static void stop() {
        server.shutdownNow();
    }

    @Test
    void everyApiRequestIsRefusedAndTheRefusalSaysWhatToSet(CapturedOutput startUp) {
        Http http = new Http(port);
        for (String path : new String[] {"/api/followups", "/api/contacts/alice@acme.com/export", "/api/referrals.csv"}) {
            HttpResponse<String> r = http.get(path);
            assertThat(r.statusCode()).as(path).isEqualTo(401);
            assertThat(r.body()).contains("until REFERRAL_API_TOKEN is set");
        }
        // the pages fail closed too: the playground can act as any user
        for (String page : new String[] {"/", "/playground"}) {
            HttpResponse<String> r = http.get(page);
            assertThat(r.statusCode()).as(page).isEqualTo(401);
            assertThat(r.body()).as(page).contains("REFERRAL_WEB_USER").doesNotContain("<html");
        }
        assertThat(http.get("/actuator/health/liveness").statusCode()).as("the bot itself runs").isEqualTo(200);
        assertThat(startUp.getAll()).contains("REFERRAL_API_TOKEN is not set and MONGODB_URI names a production store: "
                + "/api/** refuses every request until REFERRAL_API_TOKEN is set");
    }
}
