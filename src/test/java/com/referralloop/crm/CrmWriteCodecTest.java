package com.referralloop.crm;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The JSON a CRM write waits in the outbox as: writes queued before they carried their fact still decode. */
class CrmWriteCodecTest {

    @Test
    void aWriteQueuedBeforeTheFactTravelledDecodesWithoutOne() {
        // GIVEN the text of a note write as an earlier version queued it
        String old = "{\"kind\":\"NOTE\",\"key\":\"1001\",\"fields\":{},\"text\":\"Referral Loop follow-up f-1 closed\","
                + "\"at\":\"2026-10-01T10:00:00Z\"}";
        // WHEN it is read THEN it is the same write, with no fact and no contact
        CrmWrite w = CrmWriteSender.decode(old);
        assertThat(w).isEqualTo(new CrmWrite(CrmWrite.Kind.NOTE, "1001", Map.of(), "Referral Loop follow-up f-1 closed",
                Instant.parse("2026-10-01T10:00:00Z")));
        assertThat(w.fact()).isNull();
        assertThat(w.contactId()).isNull();
    }

    @Test
    void aWriteTravelsWithItsFactAndContactAndAFollowUpFactNamesItsFollowUp() {
        CrmWrite w = new CrmWrite(CrmWrite.Kind.NOTE, "1001", Map.of(), "text", null, null, "alice@acme.com")
                .withFact("followup:f-1@1767261600000");
        assertThat(CrmWriteSender.decode(CrmWriteSender.encode(w))).isEqualTo(w);
        assertThat(CrmFollowUpNotes.followUpIdOf(w.fact())).isEqualTo("f-1");
        assertThat(CrmFollowUpNotes.followUpIdOf("won:r-1")).isNull();
        assertThat(CrmFollowUpNotes.followUpIdOf(null)).isNull();
    }
}
