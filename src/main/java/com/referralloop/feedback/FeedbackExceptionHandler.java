package com.referralloop.feedback;

import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Turns a refused webhook into its status and a one-line reason. */
@RestControllerAdvice(assignableTypes = FeedbackWebhookController.class)
class FeedbackExceptionHandler {

    @ExceptionHandler(WebhookRejectedException.class)
    ResponseEntity<Map<String, String>> rejected(WebhookRejectedException e) {
        return ResponseEntity.status(e.status()).body(Map.of("error", e.getMessage()));
    }
}
