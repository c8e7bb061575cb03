package com.referralloop.chat.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.referralloop.chat.ChatMessage;
import com.referralloop.chat.ChatTarget;
import com.referralloop.chat.Platform;
import com.referralloop.chat.outbox.OutboxMessage;
import com.referralloop.chat.outbox.OutboxMessage.OutboxKind;
import com.referralloop.chat.outbox.OutboxState;
import com.referralloop.chat.outbox.SendResult;
import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A Slack Web API that does not answer in time is a transient failure (retried), counted as an "io" API error. */
class SlackTimeoutTest {

    private final CountDownLatch release = new CountDownLatch(1);
    private HttpServer server;

    @AfterEach
    void stop() {
        release.countDown();
        server.stop(0);
    }

    @Test
    void aPostThatTimesOutIsAFailureToRetryNotAPermanentError() throws Exception {
        // GIVEN a Slack API that accepts the connection but never answers chat.postMessage in time
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/", ex -> {
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            ex.sendResponseHeaders(200, -1);
            ex.close();
        });
        server.setExecutor(Executors.newCachedThreadPool());
        server.start();
        SlackConfig config = new SlackConfig();
        config.setMethodsEndpointUrlPrefix("http://127.0.0.1:" + server.getAddress().getPort() + "/api/");
        config.setHttpClientReadTimeoutMillis(300);
        config.setHttpClientCallTimeoutMillis(500);
        config.getMethodsConfig().setStatsEnabled(false);
        List<String> apiErrors = new CopyOnWriteArrayList<>();
        SlackChatSender sender = new SlackChatSender(Slack.getInstance(config).methods("xoxb-timeout"), null,
                Clock.systemUTC(), Duration.ZERO, apiErrors::add);

        // WHEN a follow-up is posted to a channel
        long started = System.nanoTime();
        SendResult r = sender.send(new OutboxMessage("o1", "k1", OutboxKind.POST, ChatTarget.of(Platform.SLACK, "C0123"),
                new ChatMessage("Promoter", "Great", List.of(), List.of(), "F1"), "F1", OutboxState.PENDING, 0, 0,
                Instant.now(), Instant.now(), null, null, null, null, null));

        // THEN the sender gives up within the timeout, reports a retryable failure, and counts an "io" error
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        assertThat(r).isInstanceOf(SendResult.Failed.class);
        assertThat(((SendResult.Failed) r).error()).contains("Slack unreachable");
        assertThat(apiErrors).containsExactly("io");
    }
}
