package com.referralloop.reply;

import com.referralloop.chat.Platform;
import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A customer message that could not be tied safely to a follow-up: kept and flagged for a person to look
 * at, never attached to someone else's follow-up.
 *
 * @param followUpHint the follow-up it seemed to be about (thread or token), when there was one
 * @param reason       why it was not attached, in words
 */
@Document("unmatched_replies")
// GET /api/replies/unmatched: newest first, a page at a time
@CompoundIndex(name = "unmatched_at", def = "{'at': -1, '_id': -1}")
public record UnmatchedReply(@Id String id, Instant at, Platform channel, String from, String to, String subject,
                             String text, String followUpHint, String reason, boolean flagged) {
}
