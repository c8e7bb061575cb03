package com.referralloop.followup;

/** A follow-up action that cannot be done (unknown id, illegal transition); the message says why. */
public class FollowUpException extends RuntimeException {

    public FollowUpException(String message) {
        super(message);
    }
}
