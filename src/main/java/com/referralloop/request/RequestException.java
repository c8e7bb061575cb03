package com.referralloop.request;

/** A request that cannot go ahead as asked; the message says why and what to type instead. */
public class RequestException extends RuntimeException {
    public RequestException(String message) {
        super(message);
    }
}
