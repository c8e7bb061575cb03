package com.referralloop.crm.hubspot;

import static org.assertj.core.api.Assertions.assertThat;

import com.referralloop.audit.AuditEntry;
import com.referralloop.chat.outbox.OutboxMessage;
import com.referralloop.chat.outbox.OutboxState;
import com.referralloop.crm.CrmField;
import com.referralloop.privacy.PrivacyService;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import tools.jackson.databind.JsonNode;

/** Erasing a contact also clears every field the bot wrote on their HubSpot record, and says so in the audit. */
class HubSpotEraseTest extends HubSpotWriteBackBase {

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

    private static boolean namesAlice(OutboxMessage m) {
        return (m.message().text() + " " + m.message().title() + " " + m.dedupeKey() + " " + m.subjectId() + " " + m.mentions())
                .toLowerCase(java.util.Locale.ROOT).contains(ALICE);
    }

    private static List<HubSpotStub.Call> clearing() {
        return calls("PATCH", "/crm/v3/objects/contacts/", c -> c.body().path("properties").has("referral_loop_referred_by"));
    }
}
