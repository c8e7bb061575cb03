package com.referralloop.crm.hubspot;

import com.referralloop.crm.CrmException;
import com.referralloop.crm.CrmField;
import com.referralloop.crm.CrmHttp;
import com.referralloop.crm.CrmProperties;
import com.referralloop.crm.CrmWrite;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.springframework.http.HttpMethod;
import tools.jackson.databind.JsonNode;

/**
 * Writes to HubSpot: contact properties by email ({@code idProperty=email}), company properties by id, a
 * closed follow-up as a note on the company, a referral as a new contact with lead status NEW; and the
 * custom properties the bot needs, created through the properties API.
 */
final class HubSpotWriter {

    /** HubSpot's own association type of a note to a company. */
    static final int NOTE_TO_COMPANY = 190;

    private final CrmHttp http;
    private final Supplier<String> token;
    private final CrmProperties.Fields mapped;

    HubSpotWriter(CrmHttp http, Supplier<String> token, CrmProperties.Fields mapped) {
        this.http = http;
        this.token = token;
        this.mapped = mapped;
    }

    String write(CrmWrite w) {
        return switch (w.kind()) {
            // not pre-encoded: the HTTP client encodes the path once ('@' may stay as it is in a path segment)
            case CONTACT -> patch("contacts", w.key() + "?idProperty=email", w.fields());
            case ACCOUNT -> patch("companies", w.key(), w.fields());
            case NOTE -> note(w);
            case LEAD -> lead(w);
        };
    }

    private String patch(String object, String idPath, Map<String, String> values) {
        JsonNode answer = http.call(HttpMethod.PATCH, "/crm/v3/objects/" + object + "/" + idPath,
                Map.of("properties", properties(values)), token, "HubSpot " + object + " update");
        return answer.path("id").asString();
    }

    private String note(CrmWrite w) {
        Instant at = w.at() == null ? Instant.now() : w.at();
        Map<String, Object> body = Map.of(
                "properties", Map.of("hs_timestamp", at.toString(), "hs_note_body", html(w.text())),
                "associations", List.of(Map.of("to", Map.of("id", w.key()), "types", List.of(
                        Map.of("associationCategory", "HUBSPOT_DEFINED", "associationTypeId", NOTE_TO_COMPANY)))));
        return http.call(HttpMethod.POST, "/crm/v3/objects/notes", body, token, "HubSpot note").path("id").asString();
    }

    /** HubSpot shows a note body as HTML: the customer's words are escaped, each line kept as one. */
    static String html(String text) {
        if (text == null) {
            return "";
        }
        String escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
        return "<p>" + String.join("<br>", escaped.split("\n", -1)) + "</p>";
    }

    private String lead(CrmWrite w) {
        Map<String, String> props = properties(w.fields());
        props.put("email", w.key());
        props.put("hs_lead_status", "NEW");
        props.put("lifecyclestage", "lead");
        if (w.text() != null && !w.fields().containsKey(CrmField.REFERRED_NAME.name())) {
            // a write queued before the name travelled on its own
            props.put("firstname", w.text());
        }
        try {
            return http.call(HttpMethod.POST, "/crm/v3/objects/contacts", Map.of("properties", props), token,
                    "HubSpot lead").path("id").asString();
        } catch (CrmException e) {
            if (e.getMessage().contains("(409)")) {
                // the person is a contact already: mark who referred them, leave the rest as the rep keeps it
                Map<String, String> referredBy = new LinkedHashMap<>();
                w.fields().forEach((k, v) -> {
                    if (CrmField.valueOf(k).target() != CrmField.Target.LEAD) {
                        referredBy.put(k, v);
                    }
                });
                return patch("contacts", w.key() + "?idProperty=email", referredBy);
            }
            throw e;
        }
    }

    /** Neutral field names to HubSpot property names; a null value is sent as "" (which clears it). */
    private static Map<String, String> properties(Map<String, String> values) {
        Map<String, String> props = new LinkedHashMap<>();
        values.forEach((k, v) -> props.put(CrmField.valueOf(k).hubspotName(), v == null ? "" : v));
        return props;
    }

    List<String> propertyNames(String object) {
        JsonNode answer = http.call(HttpMethod.GET, "/crm/v3/properties/" + object, null, token, "HubSpot " + object + " properties");
        List<String> names = new ArrayList<>();
        answer.path("results").forEach(p -> names.add(p.path("name").asString()));
        return names;
    }

    List<String> createMissingFields() {
        List<String> created = new ArrayList<>();
        for (String object : List.of("contacts", "companies")) {
            List<String> known = propertyNames(object);
            for (Map.Entry<String, String> p : wanted(object).entrySet()) {
                if (!known.contains(p.getKey())) {
                    String[] labelAndType = p.getValue().split("\\|");
                    http.call(HttpMethod.POST, "/crm/v3/properties/" + object, definition(object, p.getKey(),
                            labelAndType[0], labelAndType[1]), token, "HubSpot property creation");
                    created.add(object + "." + p.getKey());
                }
            }
        }
        return created;
    }

    /** The properties the bot writes or reads on the object: name to "label|type". */
    private Map<String, String> wanted(String object) {
        Map<String, String> wanted = new LinkedHashMap<>();
        CrmField.Target target = object.equals("contacts") ? CrmField.Target.CONTACT : CrmField.Target.ACCOUNT;
        for (CrmField f : CrmField.values()) {
            if (f.target() == target) {
                wanted.put(f.hubspotName(), f.label() + "|" + f.type());
            }
        }
        if (target == CrmField.Target.CONTACT) {
            wanted.putIfAbsent(mapped.slackUserId(), "Slack user id|string");
            wanted.putIfAbsent(mapped.discordUserId(), "Discord user id|string");
            wanted.putIfAbsent(mapped.preferredChannel(), "Preferred channel (slack, discord, email)|string");
        } else {
            wanted.putIfAbsent(mapped.csChannel(), "Customer-success channel|string");
            wanted.putIfAbsent(mapped.managerEmail(), "Account owner's manager (email)|string");
        }
        return wanted;
    }

    private static Map<String, Object> definition(String object, String name, String label, String type) {
        String fieldType = switch (type) {
            case "number" -> "number";
            case "date" -> "date";
            default -> "text";
        };
        return Map.of("name", name, "label", label, "type", type, "fieldType", fieldType,
                "groupName", object.equals("contacts") ? "contactinformation" : "companyinformation",
                "description", "Written by Referral Loop");
    }
}
