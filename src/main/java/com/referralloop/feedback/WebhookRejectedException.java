package com.referralloop.feedback;

import org.springframework.http.HttpStatus;

/** A webhook refused before anything is stored; the status and message go back to the sender. */
public class WebhookRejectedException extends RuntimeException {

    private final HttpStatus status;

    public WebhookRejectedException(HttpStatus status, String message) {
        super(message);
        this.status = status;
    }

    public static WebhookRejectedException badRequest(String message) {
        return new WebhookRejectedException(HttpStatus.BAD_REQUEST, message);
    }

    public static WebhookRejectedException unauthorized(String message) {
        return new WebhookRejectedException(HttpStatus.UNAUTHORIZED, message);
    }

    public HttpStatus status() {
        return status;
    }
}
