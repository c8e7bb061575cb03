package com.referralloop.feedback;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Survey webhooks. Each request is verified on its exact bytes, parsed, stored with one atomic upsert
 * and answered 202; the follow-up is created after the answer, from what is stored.
 */
@RestController
class FeedbackWebhookController {

    private static final Logger log = LoggerFactory.getLogger(FeedbackWebhookController.class);

    private final Map<String, SurveyProvider> providers;
    private final FeedbackService feedback;
    private final MeterRegistry metrics;

    FeedbackWebhookController(List<SurveyProvider> providers, FeedbackService feedback, MeterRegistry metrics) {
        this.providers = providers.stream().collect(Collectors.toMap(SurveyProvider::name, Function.identity()));
        this.feedback = feedback;
        this.metrics = metrics;
    }

    @PostMapping("/webhooks/feedback")
    ResponseEntity<Map<String, Object>> generic(HttpServletRequest http) throws IOException {
        return receive("generic", rawBody(http), http);
    }

    @PostMapping("/webhooks/feedback/{provider}")
    ResponseEntity<Map<String, Object>> provider(@PathVariable String provider, HttpServletRequest http)
            throws IOException {
        return receive(provider.toLowerCase(Locale.ROOT), rawBody(http), http);
    }

    /**
     * The body exactly as sent, read from the stream: for form-encoded posts Spring's {@code @RequestBody}
     * rebuilds the body from the parsed parameters (re-encoded), which no longer matches the signature.
     */
    private static byte[] rawBody(HttpServletRequest http) throws IOException {
        return http.getInputStream().readAllBytes();
    }

    private ResponseEntity<Map<String, Object>> receive(String name, byte[] body, HttpServletRequest http) {
        SurveyProvider provider = providers.get(name);
        if (provider == null) {
            throw new WebhookRejectedException(HttpStatus.NOT_FOUND, "unknown survey provider '" + name
                    + "'; known: " + String.join(", ", providers.keySet().stream().sorted().toList()));
        }
        metrics.counter("referral.webhooks.received", "provider", name).increment();
        if (body == null || body.length == 0) {
            throw WebhookRejectedException.badRequest("request body is empty");
        }
        WebhookRequest request = new WebhookRequest(headers(http), body, http.getContentType());
        provider.verify(request);
        SurveyResponse response = provider.parse(request);
        if (response == null) {
            // the provider's event carries no answer (e.g. a test ping): acknowledge, store nothing
            return ResponseEntity.accepted().body(Map.of("status", "ignored"));
        }
        FeedbackService.Stored stored = feedback.store(response);
        metrics.counter("referral.webhooks.accepted", "provider", name).increment();
        Map<String, Object> answer = new HashMap<>();
        answer.put("status", "accepted");
        answer.put("feedbackId", stored.feedback().id());
        answer.put("duplicate", !stored.created());
        if (stored.feedback().category() != null) {
            answer.put("category", stored.feedback().category());
        }
        // an answer from someone no account knows is kept, but its follow-up goes to the unassigned queue: say so
        boolean matched = stored.feedback().accountId() != null;
        answer.put("matched", matched);
        if (!matched) {
            answer.put("note", "the respondent is not a known contact and no account was named: the follow-up goes to the "
                    + "unassigned queue (the default channel, or the log when none is set); import the contact to route it");
            if (stored.created()) {
                log.info("Answer {} from an unknown respondent: follow-up unassigned", stored.feedback().id());
            }
        }
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(answer);
    }

    private static Map<String, String> headers(HttpServletRequest http) {
        Map<String, String> headers = new HashMap<>();
        for (String name : Collections.list(http.getHeaderNames())) {
            headers.put(name.toLowerCase(Locale.ROOT), http.getHeader(name));
        }
        return headers;
    }
}
