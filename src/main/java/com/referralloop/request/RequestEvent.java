package com.referralloop.request;

import java.time.Instant;

/**
 * One step of a request: who did what, when, and the state it moved from and to (equal for a note such as
 * a reminder).
 */
public record RequestEvent(String type, String by, Instant at, RequestState from, RequestState to, String note) {
}
