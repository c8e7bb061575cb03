package com.referralloop.chat.outbox;

import com.referralloop.support.InvalidInputException;
import com.referralloop.support.PageCursor;
import com.referralloop.support.Pages;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.ResponseEntity;
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
    ResponseEntity<List<OutboxMessage>> list(@RequestParam(required = false) String state,
                                             @RequestParam(defaultValue = "100") int limit,
                                             @RequestParam(required = false) String cursor, HttpServletRequest request) {
        int n = Pages.limit(limit);
        return Pages.of(outbox.list(parse(state), PageCursor.decode(cursor), n + 1), n, Outbox::cursorOf, request);
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
