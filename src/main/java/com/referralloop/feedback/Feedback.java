package com.referralloop.feedback;

import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One survey answer. Its id is derived from (source, responseId), so a retried or updated delivery
 * lands on the same document. {@code raw} keeps the latest payload as text, which no MongoDB
 * operator can be smuggled through.
 *
 * @param followUpDone true once the follow-up exists or is known not to be needed; answers with a
 *                     score and no follow-up yet are swept after a crash
 * @param deliveries   how many deliveries (first, retries and updates) reached this answer
 */
@Document("feedback")
// serves the start-up scan for answers without a marker on a real MongoDB
@CompoundIndex(name = "unfinished", def = "{'followUpDone': 1, 'receivedAt': 1}")
// the dashboard and stats filter answers by when they were given, and by survey source
@CompoundIndex(name = "feedback_responded", def = "{'respondedAt': 1}")
@CompoundIndex(name = "feedback_source", def = "{'source': 1}")
public record Feedback(@Id String id, String source, String responseId, Integer score, NpsCategory category,
                       String comment, String email, @Indexed String contactId, @Indexed String accountId,
                       Instant respondedAt, @Indexed Instant receivedAt, Instant updatedAt,
                       @Indexed boolean followUpDone, int deliveries, String raw) {

    public static String idOf(String source, String responseId) {
        return source + "|" + responseId;
    }
}
