package com.referralloop.support;

/** Input that breaks a rule; its message says what to send instead. Maps to HTTP 400. */
public class InvalidInputException extends RuntimeException {

    public InvalidInputException(String message) {
        super(message);
    }
}
