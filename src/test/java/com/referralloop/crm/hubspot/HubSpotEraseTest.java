package com.referralloop.crm.hubspot;

import static org.assertj.core.api.Assertions.assertThat;

import com.referralloop.audit.AuditEntry;
import com.referralloop.chat.outbox.OutboxMessage;
import com.referralloop.chat.outbox.OutboxState;
import com.referralloop.crm.CrmField;
import com.referralloop.crm.CrmNote;
import com.referralloop.followup.FollowUp;
import com.referralloop.followup.FollowUpOutcome;
import com.referralloop.followup.FollowUpService;
import com.referralloop.referral.ProgramFixture;
import com.referralloop.privacy.PrivacyService;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import com.referralloop.retention.RetentionJob;
import com.referralloop.support.OutboxCopies;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import tools.jackson.databind.JsonNode;

/**
 * Erasing a contact also clears every field the bot wrote on their HubSpot record, deletes the notes of their
 * follow-ups, removes them as the referrer from the leads of the people they referred, and says so in the audit.
 */
class HubSpotEraseTest extends HubSpotWriteBackBase {

    static final String JANE = "jane@prospect.com";
    static final String JOE = "joe@other.com";
    static final String KIM = "kim@third.com";

    @Autowired
    FollowUpService followUps;
    @Autowired
    RetentionJob retention;

    @Test
    void eraseClearsEveryBotFieldOnTheContactAndLeavesNoTraceInTheOutbox() {
        // GIVEN Alice's consent, NPS answer and testimonial are on her HubSpot record
        owner("referral", "consent alice@acme.com level=active");
        answer("e-1", 10, ALICE, "Love it", Instant.now());
        owner("testimonial", "add alice@acme.com \"Great.\"");
        awaitContact(ALICE, "referral_loop_testimonial_status", "pending customer");
        awaitContact(ALICE, "referral_loop_nps_score", "10");
        awaitWritesSent();

        // WHEN she is erased
        HttpResponse<String> erased = http.delete("/api/contacts/alice@acme.com", Map.of());
        assertThat(erased.statusCode()).as(erased.body()).isEqualTo(200);
        assertThat(erased.body()).contains("\"crmWrites\":1");

        // THEN HubSpot receives one PATCH of her record (by email) that empties every bot field
        List<String> botFields = Arrays.stream(CrmField.values()).filter(f -> f.target() == CrmField.Target.CONTACT)
                .map(CrmField::hubspotName).toList();
        awaitTrue(() -> clearing().size() == 1, () -> "no clearing PATCH");
        HubSpotStub.Call clear = clearing().get(0);
        assertThat(clear.path()).isEqualTo("/crm/v3/objects/contacts/alice@acme.com");
        assertThat(clear.query()).isEqualTo("idProperty=email");
        JsonNode sent = clear.body().path("properties");
        assertThat(sent.propertyNames()).containsExactlyInAnyOrderElementsOf(botFields);
        botFields.forEach(name -> assertThat(sent.path(name).asString()).as(name).isEmpty());
        assertThat(contactProps(ALICE)).containsEntry("referral_loop_consent_level", "")
                .containsEntry("referral_loop_nps_score", "").containsEntry("firstname", "Alice");
        // AND the audit says the clearing was queued
        AuditEntry audit = mongo.findOne(Query.query(Criteria.where("action").is("ERASE")), AuditEntry.class);
        assertThat(audit.subject()).isEqualTo(PrivacyService.pseudonym(ALICE));
        assertThat(audit.after()).contains("CRM fields cleared queued (hubspot: " + botFields.size() + " contact fields)");
        // AND once sent, no outbox message names her any more, the clearing write included
        awaitTrue(() -> mongo.findAll(OutboxMessage.class).stream().noneMatch(HubSpotEraseTest::namesAlice),
                () -> "outbox " + mongo.findAll(OutboxMessage.class).stream().filter(HubSpotEraseTest::namesAlice).toList());
        assertThat(writes("erase:")).hasSize(1).allSatisfy(m -> assertThat(m.state()).isEqualTo(OutboxState.SENT));
    }

    @Test
    void eraseDeletesTheNotesOfTheContactsFollowUpsAndOneAlreadyGoneIsNoFailure() {
        // GIVEN two closed follow-ups of Alice and one of Bob, each a note on Acme
        List<String> aliceNotes = new java.util.ArrayList<>();
        for (String id : List.of("n-1", "n-2")) {
            answer(id, 10, ALICE, "Love it", Instant.now());
            followUps.close(awaitFollowUp(id).id(), FollowUpOutcome.RESOLVED, null, ProgramFixture.OWNER);
        }
        answer("n-3", 9, BOB, "Fine", Instant.now());
        followUps.close(awaitFollowUp("n-3").id(), FollowUpOutcome.RESOLVED, null, ProgramFixture.OWNER);
        awaitTrue(() -> mongo.findAll(CrmNote.class).size() == 3, () -> "crm_notes " + mongo.findAll(CrmNote.class));
        mongo.findAll(CrmNote.class).stream().filter(n -> ALICE.equals(n.contactId())).forEach(n -> aliceNotes.add(n.crmId()));
        String bobNote = mongo.findAll(CrmNote.class).stream().filter(n -> BOB.equals(n.contactId())).findFirst().orElseThrow().crmId();
        assertThat(aliceNotes).hasSize(2);
        // AND a rep already deleted one of Alice's notes in HubSpot
        HUBSPOT.notes.remove(aliceNotes.get(0));

        // WHEN she is erased
        HttpResponse<String> erased = http.delete("/api/contacts/alice@acme.com", Map.of());
        assertThat(erased.statusCode()).as(erased.body()).isEqualTo(200);

        // THEN one deletion per note of hers is sent (the gone one answered 404) and Bob's note stays
        awaitTrue(() -> calls("DELETE", "/crm/v3/objects/notes/", c -> true).size() == 2, () -> "no note deletions");
        assertThat(calls("DELETE", "/crm/v3/objects/notes/", c -> true)).extracting(HubSpotStub.Call::path)
                .containsExactlyInAnyOrderElementsOf(aliceNotes.stream().map(id -> "/crm/v3/objects/notes/" + id).toList());
        assertThat(HUBSPOT.notes.keySet()).containsExactly(bobNote);
        // AND the audit counts them, the erase answer counts the writes (fields + notes), nothing is dead
        assertThat(erased.body()).contains("\"crmWrites\":3");
        AuditEntry audit = mongo.findOne(Query.query(Criteria.where("action").is("ERASE")), AuditEntry.class);
        assertThat(audit.after()).contains("; 2 CRM notes queued for deletion");
        awaitTrue(() -> writes("note-delete:").size() == 2 && writes("note-delete:").stream()
                .allMatch(m -> m.state() == OutboxState.SENT), () -> "deletions " + writes("note-delete:"));
        assertThat(writes("")).noneMatch(m -> m.state() == OutboxState.DEAD && m.dedupeKey().contains("note-delete"));
        // AND only Bob's row is left; no row or outbox text names her
        awaitTrue(() -> mongo.findAll(CrmNote.class).size() == 1, () -> "crm_notes " + mongo.findAll(CrmNote.class));
        assertThat(mongo.findAll(CrmNote.class)).singleElement().satisfies(n -> assertThat(n.crmId()).isEqualTo(bobNote));
        awaitTrue(() -> mongo.findAll(OutboxMessage.class).stream().noneMatch(HubSpotEraseTest::namesAlice),
                () -> "outbox " + mongo.findAll(OutboxMessage.class).stream().filter(HubSpotEraseTest::namesAlice).toList());
    }

    @Test
    void aNoteStillOnItsWayWhenTheContactIsErasedIsDeletedOnceItArrives() {
        // GIVEN Alice's follow-up closed, its note creation received by HubSpot but not answered yet
        answer("w-1", 10, ALICE, "Love it", Instant.now());
        FollowUp f = awaitFollowUp("w-1");
        HUBSPOT.holdNoteCreation = new CountDownLatch(1);
        followUps.close(f.id(), FollowUpOutcome.RESOLVED, null, ProgramFixture.OWNER);
        awaitTrue(() -> noteCreations().size() == 1, () -> "no note creation");

        // WHEN she is erased meanwhile (no row of the note yet: the erase has none to delete) and the note is then created
        HttpResponse<String> erased = http.delete("/api/contacts/alice@acme.com", Map.of());
        assertThat(erased.statusCode()).as(erased.body()).isEqualTo(200);
        assertThat(mongo.findOne(Query.query(Criteria.where("action").is("ERASE")), AuditEntry.class).after())
                .contains("; 0 CRM notes queued for deletion");
        HUBSPOT.holdNoteCreation.countDown();

        // THEN the sender, seeing the follow-up no longer names her, deletes the note it just wrote
        awaitTrue(() -> noteCreations().size() == 1 && HUBSPOT.notes.isEmpty()
                && calls("DELETE", "/crm/v3/objects/notes/", c -> true).size() == 1, () -> "notes " + HUBSPOT.notes);
        awaitTrue(() -> mongo.findAll(CrmNote.class).isEmpty(), () -> "crm_notes " + mongo.findAll(CrmNote.class));
    }

    @Test
    void eraseRemovesTheReferrerFromTheLeadsOfThePeopleSheReferredAndChangesNothingElse() {
        // GIVEN Alice referred Jane and Joe (each written as a lead contact) and Sam (a name, no lead); Bob referred Kim
        owner("referral", "log alice@acme.com referred=" + JANE + " company=Prospect");
        owner("referral", "log alice@acme.com referred=" + JOE);
        owner("referral", "log alice@acme.com referred=Sam");
        owner("referral", "log bob@acme.com referred=" + KIM);
        awaitWritesSent();
        assertThat(contactProps(JANE)).containsEntry("referral_loop_referred_by", ALICE);
        Map<String, Object> janeBefore = new java.util.HashMap<>(contactProps(JANE));
        // AND a rep deleted Joe's contact since, and the lead writes went to the outbox's archive
        assertThat(HUBSPOT.contacts.values().removeIf(c -> JOE.equals(c.properties().get("email")))).isTrue();
        archiveSentWrites();
        HUBSPOT.calls.clear();

        // WHEN Alice is erased
        HttpResponse<String> erased = http.delete("/api/contacts/alice@acme.com", Map.of());
        assertThat(erased.statusCode()).as(erased.body()).isEqualTo(200);

        // THEN each of her two referred people's contacts gets one PATCH by email that empties only referred-by
        awaitTrue(() -> referrerClears().size() == 2, () -> "referrer clears " + referrerClears());
        assertThat(referrerClears()).extracting(HubSpotStub.Call::path).containsExactlyInAnyOrder(
                "/crm/v3/objects/contacts/" + JANE, "/crm/v3/objects/contacts/" + JOE);
        assertThat(referrerClears()).allSatisfy(c -> assertThat(c.query()).isEqualTo("idProperty=email"));
        // AND Jane's lead no longer names Alice, the rest of it as it was; Bob's referral of Kim is untouched
        Map<String, Object> janeExpected = new java.util.HashMap<>(janeBefore);
        janeExpected.put("referral_loop_referred_by", "");
        assertThat(contactProps(JANE)).isEqualTo(janeExpected);
        assertThat(contactProps(KIM)).containsEntry("referral_loop_referred_by", BOB);
        // AND Joe's missing contact (404) is nothing to clear: the write is sent, and no contact was made for him
        assertThat(HUBSPOT.calls("POST", "/crm/v3/objects/contacts")).isEmpty();
        assertThat(HUBSPOT.contacts.values()).noneMatch(c -> JOE.equals(c.properties().get("email")));
        awaitTrue(() -> writes("referrer-erase:").size() == 2 && writes("referrer-erase:").stream()
                .allMatch(m -> m.state() == OutboxState.SENT), () -> "referrer writes " + writes("referrer-erase:"));
        assertThat(writes("referrer-erase:")).extracting(OutboxMessage::sentRef).contains("hubspot:nothing to change");
        // AND the erase counts them: the answer with the fields' write, the audit in words
        assertThat(erased.body()).contains("\"crmWrites\":3");
        AuditEntry audit = mongo.findOne(Query.query(Criteria.where("action").is("ERASE")), AuditEntry.class);
        assertThat(audit.after()).contains("; 2 referred leads cleared of the referrer (queued)");
        // AND once delivered and archived, no outbox row names her anywhere in the document, live or archived
        awaitWritesSent();
        archiveSentWrites();
        // (the redaction follows the sent mark by a moment: waited for)
        awaitTrue(() -> OutboxCopies.naming(mongo, ALICE).isEmpty(), () -> "rows naming her " + OutboxCopies.naming(mongo, ALICE));
        assertThat(OutboxCopies.archivedKeys(mongo))
                .anyMatch(k -> k.startsWith("crm-write:hubspot:referrer-erase:" + PrivacyService.pseudonym(ALICE) + ":"))
                .anyMatch(k -> k.startsWith("crm-write:hubspot:lead:"));
    }

    private void archiveSentWrites() {
        assertThat(OutboxCopies.archiveSent(mongo, retention)).isPositive();
    }

    /** The PATCHes that set nothing but referred-by on a contact (the erase's clearing write sets every field). */
    private static List<HubSpotStub.Call> referrerClears() {
        return calls("PATCH", "/crm/v3/objects/contacts/", c -> c.body().path("properties").propertyNames().size() == 1
                && c.body().path("properties").path("referral_loop_referred_by").asString("x").isEmpty());
    }

    private static boolean namesAlice(OutboxMessage m) {
        return (m.message().text() + " " + m.message().title() + " " + m.dedupeKey() + " " + m.subjectId() + " " + m.mentions())
                .toLowerCase(java.util.Locale.ROOT).contains(ALICE);
    }

    private static List<HubSpotStub.Call> clearing() {
        return calls("PATCH", "/crm/v3/objects/contacts/", c -> c.body().path("properties").has("referral_loop_referred_by"));
    }
}
