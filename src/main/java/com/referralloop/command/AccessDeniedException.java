package com.referralloop.command;

/** The user may not do this; the message says who may. */
public class AccessDeniedException extends RuntimeException {

    public AccessDeniedException(String message) {
        super(message);
    }
}
