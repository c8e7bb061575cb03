package com.referralloop.chat.outbox;

import com.referralloop.support.InvalidInputException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Lets operators see the delivery queue, above all the dead-lettered messages that need a look. */
@RestController
@RequestMapping("/api/outbox")
class OutboxController {

    private final Outbox outbox;

    OutboxController(Outbox outbox) {
        this.outbox = outbox;
    }

    /** Newest first; {@code state} is pending, sent or dead (all when absent). */
    @GetMapping
    List<OutboxMessage> list(@RequestParam(required = false) String state,
                             @RequestParam(defaultValue = "100") int limit) {
        return outbox.list(parse(state), Math.max(1, Math.min(limit, 500)));
    }

    /** How many messages are in each state. */
    @GetMapping("/counts")
    Map<String, Long> counts() {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (OutboxState s : OutboxState.values()) {
            counts.put(s.name(), outbox.count(s));
        }
        return counts;
    }

    private static OutboxState parse(String state) {
        if (state == null || state.isBlank()) {
            return null;
        }
        try {
            return OutboxState.valueOf(state.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("state must be one of "
                    + Arrays.toString(OutboxState.values()).toLowerCase(Locale.ROOT));
        }
    }
}
