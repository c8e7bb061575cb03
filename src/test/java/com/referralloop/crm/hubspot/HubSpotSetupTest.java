package com.referralloop.crm.hubspot;

import static org.assertj.core.api.Assertions.assertThat;

import com.referralloop.crm.CrmField;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /api/crm/setup} creates every property the bot writes, with its type (and the notes' key), and
 * docs/crm.md lists each one.
 */
class HubSpotSetupTest extends HubSpotWriteBackBase {

    @org.springframework.beans.factory.annotation.Autowired
    com.referralloop.crm.CrmConnector connector;

    @Test
    void setupCreatesEveryPropertyTheBotWritesOnceWithItsType() {
        // GIVEN a portal that has none of the bot's own properties
        for (CrmField f : ownFields()) {
            HUBSPOT.properties.get(object(f)).remove(f.hubspotName());
        }
        HUBSPOT.properties.get("notes").remove(HubSpotWriter.KEY);
        // THEN the start-up check names them (else every write would be refused with a 400 and dead-lettered)
        assertThat(connector.missingWrittenFields()).hasSize(ownFields().size() + 1)
                .contains("contacts.referral_loop_consent_level", "companies.referral_loop_rating", "notes." + HubSpotWriter.KEY);

        // WHEN setup runs
        HttpResponse<String> first = http.post("/api/crm/setup", "application/json", "", Map.of());

        // THEN each property is created on its object, typed as CrmField says, in HubSpot's field type for it
        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        for (CrmField f : ownFields()) {
            List<JsonNode> created = calls("POST", "/crm/v3/properties/" + object(f),
                    c -> c.body().path("name").asString().equals(f.hubspotName())).stream().map(HubSpotStub.Call::body).toList();
            assertThat(created).as(f.name()).hasSize(1);
            assertThat(created.get(0).path("type").asString()).as(f.name()).isEqualTo(f.type());
            assertThat(created.get(0).path("fieldType").asString()).as(f.name())
                    .isEqualTo(f.type().equals("string") ? "text" : f.type());
            assertThat(created.get(0).path("label").asString()).isEqualTo(f.label());
            assertThat(HUBSPOT.properties.get(object(f))).contains(f.hubspotName());
        }
        assertThat(first.body()).contains("contacts.referral_loop_nps_score").contains("companies.referral_loop_strengths");
        // AND the notes get the key a note is found by, in the group of HubSpot's own note body
        List<JsonNode> key = calls("POST", "/crm/v3/properties/notes", c -> true).stream().map(HubSpotStub.Call::body).toList();
        assertThat(key).singleElement().satisfies(k -> {
            assertThat(k.path("name").asString()).isEqualTo(HubSpotWriter.KEY);
            assertThat(k.path("type").asString()).isEqualTo("string");
            assertThat(k.path("fieldType").asString()).isEqualTo("text");
            assertThat(k.path("groupName").asString()).isEqualTo(HubSpotStub.groupOf("notes"));
        });
        assertThat(first.body()).contains("notes." + HubSpotWriter.KEY);

        // AND nothing is missing any more, in the status too
        assertThat(connector.missingWrittenFields()).isEmpty();
        assertThat(JSON.readTree(http.get("/api/crm/status").body()).path("missingFields").isEmpty()).isTrue();

        // WHEN it runs again / THEN nothing is created twice
        HttpResponse<String> second = http.post("/api/crm/setup", "application/json", "", Map.of());
        assertThat(JSON.readTree(second.body()).path("created").isEmpty()).as(second.body()).isTrue();
    }

    @Test
    void theGuideListsEveryPropertyWithItsApiNameAndType() throws IOException {
        String guide = Files.readString(Path.of("docs/crm.md"));
        List<String> rows = Arrays.stream(guide.split("\n")).filter(l -> l.startsWith("| contact ") || l.startsWith("| account "))
                .filter(l -> l.contains("`referral_loop_"))
                .toList();
        for (CrmField f : ownFields()) {
            String on = f.target() == CrmField.Target.CONTACT ? "| contact " : "| account ";
            assertThat(rows).as(f.name()).anySatisfy(r -> assertThat(r).startsWith(on).contains("`" + f.hubspotName() + "`")
                    .contains("`" + f.type() + "`").contains(f.label()));
        }
        assertThat(rows).as("no row for a property the bot does not write").hasSize(ownFields().size());
    }

    /** The bot's own properties; a lead's standard fields (name, company) exist in every portal. */
    private static List<CrmField> ownFields() {
        return Arrays.stream(CrmField.values()).filter(f -> f.target() != CrmField.Target.LEAD).toList();
    }

    private static String object(CrmField f) {
        return f.target() == CrmField.Target.CONTACT ? "contacts" : "companies";
    }
}
