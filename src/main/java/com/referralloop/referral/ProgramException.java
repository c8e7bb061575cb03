package com.referralloop.referral;

/** A referral-program rule refuses the operation (fatigue limit, no live consent, wrong state); the message says why. */
public class ProgramException extends RuntimeException {

    public ProgramException(String message) {
        super(message);
    }
}
