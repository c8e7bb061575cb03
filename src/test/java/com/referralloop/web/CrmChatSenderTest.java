package com.referralloop.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.referralloop.chat.ChatMessage;
import com.referralloop.chat.ChatTarget;
import com.referralloop.chat.Platform;
import com.referralloop.chat.outbox.OutboxMessage;
import com.referralloop.chat.outbox.OutboxState;
import com.referralloop.chat.outbox.SendResult;
import com.referralloop.feedback.StandardWebhookSignature;
import com.referralloop.feedback.WebhookRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The CRM sender against a local HTTP server: signature, and what each status means for the outbox. */
class CrmChatSenderTest {

    static final String SECRET = "whsec_" + java.util.Base64.getEncoder().encodeToString("crm-secret-0123456789abcdef".getBytes(StandardCharsets.UTF_8));
    static final String BODY = "{\"type\":\"followup.closed\",\"id\":\"F1\",\"data\":{}}";

    CrmServer crm;
    CrmChatSender sender;

    @BeforeEach
    void start() throws Exception {
        crm = new CrmServer();
        sender = new CrmChatSender(new WebProperties(false, null, null, null, crm.url(), SECRET, Duration.ofSeconds(2), null),
                Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        crm.close();
    }

    static OutboxMessage message(String id) {
        return new OutboxMessage(id, "crm:followup.closed:F1", OutboxMessage.OutboxKind.POST, ChatTarget.of(Platform.CRM, "crm-webhook"),
                new ChatMessage("followup.closed", BODY, List.of(), List.of(), null), "crm:F1", OutboxState.PENDING,
                0, 0, Instant.now(), Instant.now(), null, null, null, null, null);
    }

    @Test
    void deliversSignedJsonThatVerifiesTheStandardWebhooksWay() {
        // WHEN an event is sent
        SendResult result = sender.send(message("m1"));
        // THEN it arrived once, as JSON, with a signature the receiver can verify with the shared secret
        assertThat(result).isInstanceOf(SendResult.Sent.class);
        assertThat(crm.received).hasSize(1);
        CrmServer.Received r = crm.received.get(0);
        assertThat(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo(BODY);
        assertThat(r.headers().get("content-type")).isEqualTo("application/json");
        assertThat(r.headers().get("webhook-id")).isEqualTo("msg_m1");
        WebhookRequest asReceived = new WebhookRequest(r.headers(), r.body(), "application/json");
        assertThatCode(() -> StandardWebhookSignature.verify(asReceived, SECRET, Duration.ofMinutes(5), Clock.systemUTC()))
                .doesNotThrowAnyException();
        // AND a tampered body would not verify
        WebhookRequest tampered = new WebhookRequest(r.headers(), "{}".getBytes(StandardCharsets.UTF_8), "application/json");
        assertThatCode(() -> StandardWebhookSignature.verify(tampered, SECRET, Duration.ofMinutes(5), Clock.systemUTC()))
                .isInstanceOf(RuntimeException.class);
    }

    @Test
    void serverErrorsAreRetriedClientErrorsAreNot() {
        crm.answer(503, null);
        crm.answer(400, null);
        crm.answer(408, null);
        assertThat(sender.send(message("m1"))).isInstanceOf(SendResult.Failed.class);
        assertThat(sender.send(message("m1"))).isInstanceOf(SendResult.Permanent.class);
        assertThat(sender.send(message("m1"))).isInstanceOf(SendResult.Failed.class);
    }

    @Test
    void tooManyRequestsWaitsForRetryAfter() {
        crm.answer(429, "7");
        crm.answer(429, null);
        crm.answer(429, "86400");
        assertThat(sender.send(message("m1"))).isEqualTo(new SendResult.Throttled(Duration.ofSeconds(7)));
        assertThat(sender.send(message("m1"))).isEqualTo(new SendResult.Throttled(Duration.ofSeconds(30)));
        assertThat(sender.send(message("m1"))).isEqualTo(new SendResult.Throttled(Duration.ofHours(1)));
    }

    @Test
    void unreachableCrmIsAFailureToRetry() {
        crm.close();
        assertThat(sender.send(message("m1"))).isInstanceOf(SendResult.Failed.class);
    }
}
