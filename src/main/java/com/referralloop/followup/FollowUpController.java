package com.referralloop.followup;

import com.referralloop.support.InvalidInputException;
import com.referralloop.support.PageCursor;
import com.referralloop.support.Pages;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Read access to follow-ups, so the loop is visible with no chat platform configured. */
@RestController
@RequestMapping("/api/followups")
class FollowUpController {

    private final FollowUpService followUps;
    private final FollowUpListing listing;

    FollowUpController(FollowUpService followUps, FollowUpListing listing) {
        this.followUps = followUps;
        this.listing = listing;
    }

    @GetMapping
    ResponseEntity<List<FollowUp>> list(@RequestParam(required = false) String state, @RequestParam(required = false) String owner,
                        @RequestParam(defaultValue = "false") boolean overdue,
                        @RequestParam(required = false) String kind, @RequestParam(defaultValue = "100") int limit,
                        @RequestParam(defaultValue = "false") boolean open,
                        @RequestParam(defaultValue = "false") boolean unassigned,
                        @RequestParam(required = false) String cursor, HttpServletRequest request) {
        if (unassigned && owner != null && !owner.isBlank()) {
            throw new InvalidInputException("choose owner=<email> or unassigned=true, not both");
        }
        FollowUpState wanted = parse(FollowUpState.class, state, "state");
        if (open && wanted == FollowUpState.CLOSED) {
            throw new InvalidInputException("open=true lists follow-ups that are not closed; drop state=closed");
        }
        int n = Pages.limit(limit);
        return Pages.of(listing.list(new FollowUpQuery(wanted, open, owner, overdue,
                parse(FollowUpKind.class, kind, "kind"), n + 1, unassigned, PageCursor.decode(cursor))), n,
                FollowUpListing::cursorOf, request);
    }

    @GetMapping("/{id}")
    FollowUp get(@PathVariable String id) {
        return followUps.get(id);
    }

    @ExceptionHandler(FollowUpException.class)
    ResponseEntity<Map<String, String>> notFound(FollowUpException e) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND).body(Map.of("error", e.getMessage()));
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String value, String name) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(name + " must be one of " + java.util.Arrays.toString(type.getEnumConstants()).toLowerCase());
        }
    }
}
