package com.referralloop.crm;

import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A note (HubSpot) or Task (Salesforce) the bot wrote about a contact, kept until the CRM deleted it, so an
 * erase of the contact can delete it there too: it quotes their name, comment and replies.
 *
 * @param id         "&lt;crm&gt;:&lt;crm id&gt;"
 * @param fact       the outbox fact of the write that created it ("followup:&lt;id&gt;@&lt;closed at&gt;")
 * @param followUpId the follow-up it records
 * @param contactId  whom it is about; an erase replaces it with the pseudonym until the CRM deleted the note
 */
@Document("crm_notes")
@CompoundIndex(name = "crm_notes_contact", def = "{'contactId': 1}")
public record CrmNote(@Id String id, String fact, String crm, String crmId, String followUpId, String contactId,
                      Instant writtenAt) {

    static String idOf(String crm, String crmId) {
        return crm + ":" + crmId;
    }
}
