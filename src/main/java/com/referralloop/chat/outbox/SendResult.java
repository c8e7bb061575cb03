package com.referralloop.chat.outbox;

import java.time.Duration;

/** What a sender learned from one attempt. */
public sealed interface SendResult {

    /** Delivered; {@code ref} identifies the posted message (e.g. "C123:1700000000.000100"). */
    record Sent(String ref) implements SendResult { }

    /** The platform asked us to slow down; not counted as a failed attempt. */
    record Throttled(Duration retryAfter) implements SendResult { }

    /** Worth another try (timeouts, 5xx). */
    record Failed(String error) implements SendResult { }

    /** Will never succeed (e.g. channel_not_found): dead-letter at once. */
    record Permanent(String error) implements SendResult { }

    static SendResult sent(String ref) {
        return new Sent(ref);
    }
}
