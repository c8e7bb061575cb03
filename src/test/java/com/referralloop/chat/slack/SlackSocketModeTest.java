package com.referralloop.chat.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.referralloop.support.FakeSlackApi;
import com.referralloop.support.Http;
import com.referralloop.support.IntegrationTest;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.java_websocket.WebSocket;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Socket Mode end to end: apps.connections.open on the fake API, then a real WebSocket carrying a slash command.
 * The context is closed after the class: its Socket Mode client would otherwise keep reconnecting through the
 * shared fake Slack API and show up in other tests' recorded calls.
 */
@IntegrationTest
@org.springframework.test.annotation.DirtiesContext(classMode = org.springframework.test.annotation.DirtiesContext.ClassMode.AFTER_CLASS)
@TestPropertySource(properties = {
        "referral.slack.bot-token=xoxb-test-token",
        "referral.slack.app-token=xapp-test-token"
})
class SlackSocketModeTest {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final FakeSlackApi slack = FakeSlackApi.shared();
    static final FakeSocketModeServer server = FakeSocketModeServer.begin();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void slackApi(DynamicPropertyRegistry registry) {
        slack.socketModeUrl("ws://127.0.0.1:" + server.getPort() + "/link");
        registry.add("referral.slack.api-url", slack::apiUrl);
    }

    @AfterAll
    static void stop() throws InterruptedException {
        server.stop(1000);
    }

    @Test
    void slashCommandOverSocketModeIsAcknowledgedWithTheAnswer() {
        // GIVEN the bot connected over Socket Mode with the app token
        await().atMost(Duration.ofSeconds(20)).until(() -> server.client != null);
        // WHEN Slack sends a slash command envelope
        String payload = JSON.writeValueAsString(Map.of("token", "legacy", "team_id", "T0001", "channel_id", "CWORK",
                "user_id", "USOCK", "user_name", "sock", "command", "/followup", "text", "help", "api_app_id", "A0001",
                "response_url", slack.responseUrl("socket"), "trigger_id", "trigger-socket"));
        server.client.send("{\"envelope_id\":\"env-1\",\"type\":\"slash_commands\",\"accepts_response_payload\":true,"
                + "\"payload\":" + payload + "}");
        // THEN the acknowledgement for that envelope carries the help text, privately
        await().atMost(Duration.ofSeconds(10)).until(() -> server.received.stream().anyMatch(m -> m.contains("env-1")));
        JsonNode ack = JSON.readTree(server.received.stream().filter(m -> m.contains("env-1")).findFirst().orElseThrow());
        assertThat(ack.path("payload").path("response_type").asString()).isEqualTo("ephemeral");
        assertThat(ack.path("payload").path("text").asString()).contains("/followup").contains("sub-commands");
        // AND the HTTP endpoint is not served in Socket Mode
        assertThat(new Http(port).post(SlackConfiguration.PATH, "application/json", "{}", Map.of()).statusCode())
                .isIn(404, 405);
    }

    /** Plays Slack's side of a Socket Mode connection: accepts the bot and records what it sends. */
    static final class FakeSocketModeServer extends WebSocketServer {

        volatile WebSocket client;
        final List<String> received = new CopyOnWriteArrayList<>();

        private FakeSocketModeServer() {
            super(new InetSocketAddress("127.0.0.1", 0));
            setReuseAddr(true);
        }

        static FakeSocketModeServer begin() {
            FakeSocketModeServer s = new FakeSocketModeServer();
            s.start();
            await().atMost(Duration.ofSeconds(5)).until(() -> s.getPort() > 0);
            return s;
        }

        @Override
        public void onOpen(WebSocket conn, ClientHandshake handshake) {
            conn.send("{\"type\":\"hello\",\"num_connections\":1,\"debug_info\":{\"host\":\"fake\"},"
                    + "\"connection_info\":{\"app_id\":\"A0001\"}}");
            client = conn;
        }

        @Override
        public void onClose(WebSocket conn, int code, String reason, boolean remote) {
            if (conn == client) {
                client = null;
            }
        }

        @Override
        public void onMessage(WebSocket conn, String message) {
            received.add(message);
        }

        @Override
        public void onError(WebSocket conn, Exception ex) {
            // a test failure shows as a missing acknowledgement
        }

        @Override
        public void onStart() {
            // nothing to prepare
        }
    }
}
