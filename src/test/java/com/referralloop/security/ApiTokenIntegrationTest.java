package com.referralloop.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.referralloop.support.Http;
import com.referralloop.support.IntegrationTest;
import com.referralloop.support.WebhookSigner;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/** With REFERRAL_API_TOKEN set, /api/** needs the bearer token over real HTTP; webhooks keep their own signatures. */
@IntegrationTest
@TestPropertySource(properties = "referral.api.token=it-token-0123456789")
class ApiTokenIntegrationTest {

    @LocalServerPort
    int port;

    @Test
    void apiNeedsTheRightBearerToken() {
        Http http = new Http(port);
        // GIVEN a token is configured; WHEN /api is called without, with a wrong and with the right token
        HttpResponse<String> none = http.get("/api/followups");
        HttpResponse<String> wrong = http.get("/api/followups", Map.of("Authorization", "Bearer nope"));
        HttpResponse<String> right = http.get("/api/followups", Map.of("Authorization", "Bearer it-token-0123456789"));
        HttpResponse<String> post = http.post("/api/accounts", "application/json",
                "{\"id\":\"A-1\",\"name\":\"Acme\",\"owner\":{\"email\":\"rep@vendor.com\"}}", Map.of());

        // THEN only the right token gets through, and the refusal says what to send
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
        assertThat(none.body()).contains("Authorization: Bearer");
        assertThat(none.body()).doesNotContain("it-token");
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(right.statusCode()).isEqualTo(200);
        assertThat(post.statusCode()).isEqualTo(401);
    }

    @Test
    void webhooksDoNotNeedTheApiToken() {
        Http http = new Http(port);
        String body = "{\"responseId\":\"tok-1\",\"source\":\"nps\",\"score\":8}";
        assertThat(http.post("/webhooks/feedback", "application/json", body, WebhookSigner.headers(body)).statusCode())
                .isEqualTo(202);
    }
}
