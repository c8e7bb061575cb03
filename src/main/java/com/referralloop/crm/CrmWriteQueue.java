package com.referralloop.crm;

import com.referralloop.chat.ChatMessage;
import com.referralloop.chat.ChatTarget;
import com.referralloop.chat.Platform;
import com.referralloop.chat.outbox.Outbox;

/**
 * Queues CRM writes in the durable outbox under {@code crm-write:<crm>:<fact>}. The fact names the record and
 * its version (an id that is new per change, or an id plus the change's time), so a re-published event finds
 * its key taken and queues nothing, while a later change of the same record queues a write of its own.
 */
public class CrmWriteQueue {

    private final Outbox outbox;
    private final String crm;

    CrmWriteQueue(Outbox outbox, String crm) {
        this.outbox = outbox;
        this.crm = crm;
    }

    /** Queues the write; false when this fact was queued before. */
    boolean queue(String fact, CrmWrite w) {
        return queue(fact, w, subjectOf(w.key()));
    }

    /** Writes of one record share a subject, so they go out in the order they were queued. */
    static String subjectOf(String key) {
        return "crm:" + key;
    }

    /** The write travels with its fact, which the adapter keys creations by (a retry finds what the first try made). */
    boolean queue(String fact, CrmWrite w, String subjectId) {
        return outbox.enqueue(dedupeKey(fact), ChatTarget.of(Platform.CRM_SYNC, crm),
                ChatMessage.text(CrmWriteSender.encode(w.withFact(fact))), subjectId);
    }

    String dedupeKey(String fact) {
        return "crm-write:" + crm + ":" + fact;
    }

    /** The connector's name ("hubspot"), for audit lines. */
    String crm() {
        return crm;
    }
}
