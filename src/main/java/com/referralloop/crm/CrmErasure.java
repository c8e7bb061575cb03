package com.referralloop.crm;

import com.referralloop.chat.ChatMessage;
import com.referralloop.chat.outbox.OutboxEvents.MessageDeadLettered;
import com.referralloop.chat.outbox.OutboxEvents.MessageSent;
import com.referralloop.chat.outbox.Outbox;
import java.time.Clock;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.context.event.EventListener;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Update;

/**
 * Erasing a contact clears what the bot wrote on their CRM record: one contact write with every bot field
 * empty, and one deletion per note the bot wrote about them (their follow-ups' notes quote their name, comment
 * and replies). The clearing write must name the person (the CRM finds them by email) while it waits in the
 * outbox; once it went out or was given up on, its stored copy is overwritten, so the outbox keeps no trace
 * of them. The deletions name only the notes' CRM ids. The leads the bot wrote for the people they referred
 * name them as the referrer: one write per such lead removes them from it (it names the referred person, whom
 * the CRM finds the lead by, and is redacted the same way once it went out).
 */
public class CrmErasure {

    static final String SUBJECT = "crm-erase:";
    private static final String ERASED = "[erased]";

    private final CrmWriteQueue queue;
    private final CrmNotes notes;
    private final Outbox outbox;
    private final Clock clock;

    CrmErasure(CrmWriteQueue queue, CrmNotes notes, Outbox outbox, Clock clock) {
        this.queue = queue;
        this.notes = notes;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** What an erase queued for the CRM: the audit's words and the number of writes. */
    public record Cleared(String audit, long writes) { }

    /** A referral the erased contact made whose referred person the bot wrote to the CRM as a lead. */
    public record ReferredLead(String referralId, String referredEmail) { }

    /**
     * Queues the clearing write, the deletion of the contact's notes and the removal of the contact from the
     * leads of the people they referred.
     */
    public Cleared clearContact(String contactId, String pseudonym, List<ReferredLead> referred) {
        List<CrmField> fields = Arrays.stream(CrmField.values()).filter(f -> f.target() == CrmField.Target.CONTACT).toList();
        Map<String, String> cleared = new LinkedHashMap<>();
        fields.forEach(f -> cleared.put(f.name(), null));
        // the earlier writes of the record keep their order, under the pseudonym instead of the email
        outbox.rewriteStoredCopies(Criteria.where("subjectId").is(CrmWriteQueue.subjectOf(contactId)),
                new Update().set("subjectId", CrmWriteQueue.subjectOf(pseudonym)));
        // pseudonym and time, never the email: the dedupe key and the subject outlive the message's text
        boolean queued = queue.queue("erase:" + pseudonym + "@" + clock.millis(),
                new CrmWrite(CrmWrite.Kind.CONTACT, contactId, cleared, null), SUBJECT + pseudonym);
        int deletions = notes.queueDeletes(contactId, pseudonym);
        long leads = referred.stream().filter(lead -> clearReferrer(lead, pseudonym)).count();
        String fieldsCleared = queued ? "CRM fields cleared queued (" + queue.crm() + ": " + fields.size() + " contact fields)"
                : "CRM fields clearing already queued (" + queue.crm() + ")";
        return new Cleared(fieldsCleared + "; " + deletions + " CRM note" + (deletions == 1 ? "" : "s") + " queued for deletion"
                + "; " + leads + " referred lead" + (leads == 1 ? "" : "s") + " cleared of the referrer (queued)",
                1L + deletions + leads);
    }

    /**
     * One write that removes the erased referrer from the lead of this referral. Its fact and subject name the
     * pseudonym and the referral, never the erased email; the subject's prefix has its copy redacted once sent.
     */
    private boolean clearReferrer(ReferredLead lead, String pseudonym) {
        Map<String, String> referrer = new LinkedHashMap<>();
        referrer.put(CrmField.REFERRED_BY.name(), null);
        return queue.queue("referrer-erase:" + pseudonym + ":" + lead.referralId(), new CrmWrite(
                CrmWrite.Kind.LEAD_REFERRER_CLEAR, lead.referredEmail(), referrer, CrmWriteFeed.leadFact(lead.referralId())),
                SUBJECT + pseudonym + ":lead:" + lead.referralId());
    }

    @EventListener
    void on(MessageSent e) {
        redact(e.outboxId(), e.subjectId());
    }

    @EventListener
    void on(MessageDeadLettered e) {
        redact(e.outboxId(), e.subjectId());
    }

    private void redact(String outboxId, String subjectId) {
        if (subjectId != null && subjectId.startsWith(SUBJECT)) {
            // by its id in both collections: the row usually is still live, but the move may have archived it
            outbox.rewriteStoredCopies(Criteria.where("_id").is(outboxId), new Update().set("message", ChatMessage.text(ERASED))
                    .set("mentions", List.of()));
        }
    }
}
