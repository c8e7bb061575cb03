package com.referralloop.support;

import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import com.mongodb.MongoException;
import com.referralloop.security.ApiProperties;
import com.referralloop.security.BodySizeLimitFilter;

/** Maps errors every endpoint shares to a status and a one-line message. */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
class ApiExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    private final ApiProperties api;

    ApiExceptionHandler(ApiProperties api) {
        this.api = api;
    }

    @ExceptionHandler(InvalidInputException.class)
    ResponseEntity<Map<String, String>> invalid(InvalidInputException e) {
        return ResponseEntity.badRequest().body(Map.of("error", e.getMessage()));
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<Map<String, String>> unreadable(HttpMessageNotReadableException e) {
        if (BodySizeLimitFilter.BodyTooLargeException.isCauseOf(e)) {
            // a chunked body (no Content-Length) crossed the limit while the converter read it
            return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE)
                    .body(Map.of("error", "request body is larger than " + api.maxBodyBytes() + " bytes"));
        }
        return ResponseEntity.badRequest().body(Map.of("error", "body could not be read: malformed JSON or wrong types"));
    }

    /** The store is unreachable: 503 tells webhook senders to retry later; nothing was half-written. */
    @ExceptionHandler({DataAccessResourceFailureException.class, MongoException.class})
    ResponseEntity<Map<String, String>> storeDown(RuntimeException e) {
        log.warn("Store unavailable: {}", e.getClass().getSimpleName());
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header("Retry-After", "30")
                .body(Map.of("error", "store unavailable, retry later"));
    }
}
