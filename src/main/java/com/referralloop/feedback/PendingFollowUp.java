package com.referralloop.feedback;

import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * Marks a scored answer whose follow-up is not created yet. Written before the webhook answers and
 * deleted once the follow-up exists, so the sweep reads this small collection instead of scanning
 * every answer ever stored (the embedded store has no secondary indexes).
 *
 * @param id         the answer's id ({@link Feedback#id()})
 * @param receivedAt when the answer arrived, so the oldest are opened first
 */
@Document("followup_pending")
public record PendingFollowUp(@Id String id, @Indexed Instant receivedAt) {
}
