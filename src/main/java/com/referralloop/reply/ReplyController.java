package com.referralloop.reply;

import com.referralloop.support.PageCursor;
import com.referralloop.support.Pages;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The flagged customer messages nobody could claim, for a person to look at (behind the API token). */
@RestController
class ReplyController {

    private final FollowUpReplies replies;

    ReplyController(FollowUpReplies replies) {
        this.replies = replies;
    }

    @GetMapping("/api/replies/unmatched")
    ResponseEntity<List<UnmatchedReply>> unmatched(@RequestParam(defaultValue = "50") int limit,
                                                   @RequestParam(required = false) String cursor,
                                                   HttpServletRequest request) {
        int n = Pages.limit(limit);
        return Pages.of(replies.unmatched(PageCursor.decode(cursor), n + 1), n,
                r -> new PageCursor(r.at(), r.id()), request);
    }
}
