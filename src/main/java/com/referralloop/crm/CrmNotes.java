package com.referralloop.crm;

import com.referralloop.followup.FollowUpService;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/**
 * Remembers the notes the bot wrote about a contact ({@code crm_notes}) once the CRM answered with their id,
 * and deletes them in the CRM when the contact is erased: one NOTE_DELETE write per note, whose success removes
 * the row. Only notes of a contact are kept (a won deal's note names no customer person).
 */
public class CrmNotes {

    private final MongoTemplate mongo;
    private final CrmWriteQueue queue;
    private final FollowUpService followUps;
    private final Clock clock;

    CrmNotes(MongoTemplate mongo, CrmWriteQueue queue, FollowUpService followUps, Clock clock) {
        this.mongo = mongo;
        this.queue = queue;
        this.followUps = followUps;
        this.clock = clock;
    }

    /** What a write that went out leaves here: a note about a contact is kept, a deleted one forgotten. */
    void sent(CrmWrite w, String crmId) {
        if (w.kind() == CrmWrite.Kind.NOTE_DELETE) {
            mongo.remove(byId(crmId), CrmNote.class);
        } else if (w.kind() == CrmWrite.Kind.NOTE && w.contactId() != null && crmId != null && !crmId.isBlank()) {
            kept(w, crmId);
        }
    }

    private void kept(CrmWrite w, String crmId) {
        String followUpId = CrmFollowUpNotes.followUpIdOf(w.fact());
        mongo.save(new CrmNote(CrmNote.idOf(queue.crm(), crmId), w.fact(), queue.crm(), crmId, followUpId, w.contactId(),
                clock.instant()));
        // an erase that ran while this note was on its way found no row; it did remove the contact from the
        // follow-up first, so a follow-up that no longer names them means the note must go at once
        boolean erasedMeanwhile = followUpId != null && followUps.find(followUpId)
                .map(f -> !w.contactId().equals(f.contactId())).orElse(false);
        if (erasedMeanwhile) {
            mongo.updateFirst(byId(crmId), new Update().unset("contactId"), CrmNote.class);
            queueDelete(crmId);
        }
    }

    /**
     * Queues the deletion of every note of this CRM about the contact; their rows keep only the pseudonym
     * meanwhile. Returns how many were queued.
     */
    int queueDeletes(String contactId, String pseudonym) {
        mongo.updateMulti(Query.query(Criteria.where("contactId").is(contactId)), new Update().set("contactId", pseudonym),
                CrmNote.class);
        List<CrmNote> notes = mongo.find(Query.query(Criteria.where("contactId").is(pseudonym).and("crm").is(queue.crm())),
                CrmNote.class);
        notes.forEach(n -> queueDelete(n.crmId()));
        return notes.size();
    }

    private void queueDelete(String crmId) {
        queue.queue("note-delete:" + crmId, new CrmWrite(CrmWrite.Kind.NOTE_DELETE, crmId, Map.of(), null));
    }

    private Query byId(String crmId) {
        return Query.query(Criteria.where("_id").is(CrmNote.idOf(queue.crm(), crmId)));
    }
}
