package com.referralloop.web;

import com.referralloop.chat.Platform;
import com.referralloop.chat.outbox.ChatSender;
import com.referralloop.chat.outbox.OutboxMessage;
import com.referralloop.chat.outbox.SendResult;
import com.referralloop.feedback.StandardWebhookSignature;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import org.springframework.stereotype.Component;

/**
 * Delivers CRM feed events: POSTs the JSON to CRM_WEBHOOK_URL, signed the Standard Webhooks way
 * (webhook-id stays the same on every retry, so the CRM can drop repeats). 2xx is delivered, 429 waits for
 * Retry-After, 5xx and timeouts are retried with backoff, any other 4xx is dead-lettered.
 */
@Component
class CrmChatSender implements ChatSender {

    private final WebProperties props;
    private final Clock clock;
    private final HttpClient http;

    CrmChatSender(WebProperties props, Clock clock) {
        this.props = props;
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(props.crmTimeout()).build();
    }

    @Override
    public Platform platform() {
        return Platform.CRM;
    }

    @Override
    public SendResult send(OutboxMessage message) {
        if (!props.crmConfigured()) {
            return new SendResult.Permanent("CRM_WEBHOOK_URL is not set");
        }
        if (message.kind() == OutboxMessage.OutboxKind.UPDATE) {
            return new SendResult.Permanent("the CRM feed sends events, it does not edit them");
        }
        byte[] body = message.message().text().getBytes(StandardCharsets.UTF_8);
        String id = "msg_" + message.id();
        long timestamp = clock.instant().getEpochSecond();
        URI url;
        try {
            url = URI.create(props.crmWebhookUrl().trim());
        } catch (IllegalArgumentException e) {
            return new SendResult.Permanent("CRM_WEBHOOK_URL is not a valid URL");
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(url)
                .timeout(props.crmTimeout())
                .header("Content-Type", "application/json")
                .header("User-Agent", "referral-loop-crm-feed")
                .header("webhook-id", id)
                .header("webhook-timestamp", Long.toString(timestamp))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (props.crmWebhookSecret() != null && !props.crmWebhookSecret().isBlank()) {
            request.header("webhook-signature", StandardWebhookSignature.header(props.crmWebhookSecret(), id, timestamp, body));
        }
        HttpResponse<Void> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.discarding());
        } catch (IOException e) {
            return new SendResult.Failed("CRM webhook unreachable: " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new SendResult.Failed("interrupted");
        }
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return new SendResult.Sent("crm:" + id);
        }
        if (status == 429) {
            return new SendResult.Throttled(retryAfter(response.headers().firstValue("Retry-After").orElse(null)));
        }
        if (status >= 500 || status == 408) {
            return new SendResult.Failed("CRM webhook answered " + status);
        }
        return new SendResult.Permanent("CRM webhook refused the event with " + status);
    }

    /** Retry-After as seconds or an HTTP date; missing or odd values mean 30 s, and never more than an hour. */
    Duration retryAfter(String header) {
        return com.referralloop.support.RetryAfter.parse(header, clock);
    }
}
