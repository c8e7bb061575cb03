package com.referralloop.reply;

import java.util.List;
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
    List<UnmatchedReply> unmatched(@RequestParam(defaultValue = "50") int limit) {
        return replies.unmatched(Math.max(1, Math.min(limit, 500)));
    }
}
