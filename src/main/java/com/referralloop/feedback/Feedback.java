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
// the dashboard's NPS by day: answers given in a period (or, without respondedAt, received in it), with every
// field the count reads, so the embedded store counts them from these entries alone (a covered read) and a
// real MongoDB reads no document either; the second also serves App Home's 30 days and the sweep's order
@CompoundIndex(name = "feedback_responded_figures", def = "{'respondedAt': 1, 'category': 1, 'source': 1, 'score': 1, 'receivedAt': 1}")
@CompoundIndex(name = "feedback_received_figures", def = "{'receivedAt': 1, 'category': 1, 'source': 1, 'score': 1, 'respondedAt': 1}")
@CompoundIndex(name = "feedback_source", def = "{'source': 1}")
// the answers stored since the dashboard last looked: the days it keeps counts of that must be counted again
@CompoundIndex(name = "feedback_updated", def = "{'updatedAt': 1, 'respondedAt': 1, 'receivedAt': 1}")
public record Feedback(@Id String id, String source, String responseId, Integer score, NpsCategory category,
                       String comment, String email, @Indexed String contactId, @Indexed String accountId,
                       Instant respondedAt, Instant receivedAt, Instant updatedAt,
                       @Indexed boolean followUpDone, int deliveries, String raw) {

    public static String idOf(String source, String responseId) {
        return source + "|" + responseId;
    }
}
