package com.referralloop.crm.hubspot;

import static org.assertj.core.api.Assertions.assertThat;

import com.referralloop.chat.Platform;
import com.referralloop.followup.FollowUp;
import com.referralloop.followup.FollowUpOutcome;
import com.referralloop.followup.FollowUpService;
import com.referralloop.referral.ProgramFixture;
import com.referralloop.reply.FollowUpReplies;
import com.referralloop.chat.outbox.OutboxMessage;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** HubSpot out: a closed follow-up becomes a note on the company with its outcome and the customer's replies. */
class HubSpotFollowUpNoteTest extends HubSpotWriteBackBase {

    @Autowired
    FollowUpService followUps;
    @Autowired
    FollowUpReplies replies;

    @Test
    void aClosedFollowUpIsANoteOnTheCompanyWithOutcomeAndReplies() {
        // GIVEN Alice's promoter answer opened a follow-up, and she replied to it twice
        answer("fu-1", 10, ALICE, "Best vendor we have", Instant.now());
        FollowUp f = awaitFollowUp("fu-1");
        replies.attachReply(f.id(), Platform.EMAIL, ALICE, "Happy to talk to a prospect <b>next week</b>");
        replies.attachReply(f.id(), Platform.SLACK, ALICE, "Tuesday works & Wednesday too");
        // AND nothing is noted while the follow-up is open
        assertThat(writes("followup:")).isEmpty();

        // WHEN the owner closes it as a referral ask with a note
        FollowUp closed = followUps.close(f.id(), FollowUpOutcome.REFERRAL_ASKED, "intro to Hooli", ProgramFixture.OWNER);

        // THEN HubSpot receives one note, associated with Acme as HubSpot defines a note-to-company link
        awaitTrue(() -> !noteCreations().isEmpty(), () -> "no note");
        JsonNode note = noteCreations().get(0).body();
        JsonNode association = note.path("associations").path(0);
        assertThat(association.path("to").path("id").asString()).isEqualTo(ACME);
        assertThat(association.path("types").path(0).path("associationCategory").asString()).isEqualTo("HUBSPOT_DEFINED");
        assertThat(association.path("types").path(0).path("associationTypeId").asInt()).isEqualTo(190);
        // AND its time is the close's, its body the outcome, the answer and each reply (escaped as HTML)
        assertThat(Instant.parse(note.path("properties").path("hs_timestamp").asString()))
                .isEqualTo(closed.closedAt());
        assertThat(note.path("properties").path("hs_note_body").asString())
                .contains("closed: referral (intro to Hooli)")
                .contains("NPS 10/10 (promoter) from Alice Smith")
                .contains("Comment: Best vendor we have")
                .contains("(email): Happy to talk to a prospect &lt;b&gt;next week&lt;/b&gt;")
                .contains("(slack): Tuesday works &amp; Wednesday too")
                .contains("<br>")
                .doesNotContain("<b>");
        // AND it carries the fact it records, which a retry would find it by
        assertThat(note.path("properties").path("referral_loop_key").asString())
                .isEqualTo("followup:" + f.id() + "@" + closed.closedAt().toEpochMilli());
        awaitWritesSent();
        assertThat(writes("followup:")).hasSize(1);
    }

    @Test
    void aNoteWhoseAnswerWasLostIsFoundByItsKeyOnTheRetryAndExistsOnce() {
        // GIVEN Alice's follow-up, and HubSpot losing its answer to the next note creation after storing the note
        answer("fu-5", 10, ALICE, "Great", Instant.now());
        FollowUp f = awaitFollowUp("fu-5");
        HUBSPOT.lostAnswers.loseNext("POST", "/crm/v3/objects/notes");

        // WHEN it is closed
        FollowUp closed = followUps.close(f.id(), FollowUpOutcome.RESOLVED, null, ProgramFixture.OWNER);

        // THEN the outbox tried again, and the retry searched the note by its key instead of creating another
        awaitWritesSent();
        String key = "followup:" + f.id() + "@" + closed.closedAt().toEpochMilli();
        assertThat(HUBSPOT.notes.values()).singleElement()
                .satisfies(n -> assertThat(n.properties()).containsEntry("referral_loop_key", key).containsEntry("company", ACME));
        assertThat(noteCreations()).hasSize(1);
        List<HubSpotStub.Call> searches = calls("POST", "/crm/v3/objects/notes/search", c -> true);
        assertThat(searches).hasSize(2).allSatisfy(c -> assertThat(c.body().path("filterGroups").path(0).path("filters").path(0)
                .path("value").asString()).isEqualTo(key));
        OutboxMessage write = writes("followup:").get(0);
        assertThat(write.attempts()).isGreaterThanOrEqualTo(1);
        assertThat(write.sentRef()).isEqualTo("hubspot:" + HUBSPOT.notes.keySet().iterator().next());
    }

    @Test
    void aFollowUpWithoutRepliesSaysSoAndOneOfNoKnownAccountWritesNothing() {
        // GIVEN Bob's answer and a stranger's (no account, so no company in the CRM) each opened a follow-up
        answer("fu-2", 9, BOB, "Solid", Instant.now());
        answer("fu-3", 10, "stranger@nowhere.org", "Who am I", Instant.now());
        FollowUp bob = awaitFollowUp("fu-2");
        FollowUp stranger = awaitFollowUp("fu-3");

        // WHEN both are closed
        followUps.close(stranger.id(), FollowUpOutcome.RESOLVED, null, ProgramFixture.ADMIN);
        followUps.close(bob.id(), FollowUpOutcome.DECLINED, "not now", ProgramFixture.OWNER);

        // THEN only Bob's is noted, saying the customer did not reply
        awaitTrue(() -> noteCreations().size() == 1, () -> "Bob's note");
        awaitWritesSent();
        assertThat(writes("followup:")).hasSize(1).allSatisfy(m -> assertThat(m.dedupeKey()).contains(bob.id()));
        assertThat(noteCreations().get(0).body().path("properties")
                .path("hs_note_body").asString()).contains("closed: declined (not now)").contains("No replies from the customer.");
    }
}
