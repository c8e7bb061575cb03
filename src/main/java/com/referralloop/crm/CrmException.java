package com.referralloop.crm;

import java.time.Duration;

/** A CRM call that did not work, sorted by what the caller should do about it. */
public class CrmException extends RuntimeException {

    /** UNAUTHORIZED: the token was refused; RATE_LIMITED: wait {@link #retryAfter}; FAILED: try again later; REJECTED: never works. */
    public enum Kind { UNAUTHORIZED, RATE_LIMITED, FAILED, REJECTED }

    private final Kind kind;
    private final transient Duration retryAfter;
    /** The CRM's HTTP status, when it answered one; 0 otherwise (unreachable, refused before sending). */
    private final int status;

    public CrmException(Kind kind, String message, Duration retryAfter, int status) {
        super(message);
        this.kind = kind;
        this.retryAfter = retryAfter;
        this.status = status;
    }

    public CrmException(Kind kind, String message, Duration retryAfter) {
        this(kind, message, retryAfter, 0);
    }

    public CrmException(Kind kind, String message) {
        this(kind, message, null);
    }

    public Kind kind() {
        return kind;
    }

    public Duration retryAfter() {
        return retryAfter;
    }

    public int status() {
        return status;
    }
}
