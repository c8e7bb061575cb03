package com.referralloop.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import com.referralloop.support.IntegrationTest;
import com.referralloop.support.Stores;
import com.referralloop.support.WebhookSigner;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;

/** The 256 KiB limit also holds for a chunked body that announces no Content-Length. */
@IntegrationTest
class WebhookBodyLimitTest {

    @LocalServerPort
    int port;

    @Autowired
    MongoTemplate mongo;

    @BeforeEach
    void setUp() {
        Stores.clear(mongo);
    }

    HttpResponse<String> chunked(String body) throws Exception {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/webhooks/feedback"))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                // an InputStream publisher has no known length, so the client sends Transfer-Encoding: chunked
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes)));
        WebhookSigner.headers(body).forEach(b::header);
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                .send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aChunkedBodyOverTheLimitIsRefusedWith413AndNothingStored() throws Exception {
        // GIVEN a correctly signed answer padded past 256 KiB, sent chunked
        String big = "{\"responseId\":\"chunk-big\",\"source\":\"nps\",\"score\":9,\"comment\":\"" + "x".repeat(300 * 1024) + "\"}";
        // WHEN it is posted
        HttpResponse<String> r = chunked(big);
        // THEN 413 with a message, and no record
        assertThat(r.statusCode()).isEqualTo(413);
        assertThat(r.body()).contains("larger than 262144 bytes");
        assertThat(mongo.count(new Query(), Feedback.class)).isZero();
    }

    @Test
    void aSmallChunkedBodyIsAccepted() throws Exception {
        String small = "{\"responseId\":\"chunk-small\",\"source\":\"nps\",\"score\":9}";
        assertThat(chunked(small).statusCode()).isEqualTo(202);
        assertThat(mongo.findById("nps|chunk-small", Feedback.class)).isNotNull();
    }
}
