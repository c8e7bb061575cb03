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
 * closed follow-up as a note on the company, a referral as a new contact with lead status NEW (an erase of its
 * referrer empties its referred-by); and the
 * custom properties the bot needs, created through the properties API. A note carries its fact in
 * {@value #KEY} and is looked up by it before it is created, so a retry after a lost answer makes no second one.
 */
final class HubSpotWriter {

    /** HubSpot's own association type of a note to a company. */
    static final int NOTE_TO_COMPANY = 190;
    /** The note property holding the fact the note records. */
    static final String KEY = "referral_loop_key";
    private static final String NOTES = "/crm/v3/objects/notes";

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
            case NOTE_DELETE -> {
                http.call(HttpMethod.DELETE, NOTES + "/" + w.key(), null, token, "HubSpot note deletion");
                yield w.key();
            }
            case LEAD_REFERRER_CLEAR -> referrerCleared(w);
        };
    }

    /** The referred person's contact without its referrer (a PATCH never creates one); null when HubSpot has no such contact. */
    private String referrerCleared(CrmWrite w) {
        try {
            return patch("contacts", w.key() + "?idProperty=email", w.fields());
        } catch (CrmException e) {
            if (e.status() == 404) {
                return null; // never written, or deleted since: nothing names the referrer
            }
            throw e;
        }
    }

    private String patch(String object, String idPath, Map<String, String> values) {
        JsonNode answer = http.call(HttpMethod.PATCH, "/crm/v3/objects/" + object + "/" + idPath,
                Map.of("properties", properties(values)), token, "HubSpot " + object + " update");
        return answer.path("id").asString();
    }

    private String note(CrmWrite w) {
        String existing = w.fact() == null ? null : noteWithKey(w.fact());
        if (existing != null) {
            return existing; // an earlier try created it and its answer was lost
        }
        Instant at = w.at() == null ? Instant.now() : w.at();
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("hs_timestamp", at.toString());
        properties.put("hs_note_body", html(w.text()));
        if (w.fact() != null) {
            properties.put(KEY, w.fact());
        }
        Map<String, Object> body = Map.of("properties", properties,
                "associations", List.of(Map.of("to", Map.of("id", w.key()), "types", List.of(
                        Map.of("associationCategory", "HUBSPOT_DEFINED", "associationTypeId", NOTE_TO_COMPANY)))));
        return http.call(HttpMethod.POST, NOTES, body, token, "HubSpot note").path("id").asString();
    }

    /** The id of the note holding this fact, or null. */
    private String noteWithKey(String fact) {
        Map<String, Object> search = Map.of("filterGroups", List.of(Map.of("filters", List.of(
                Map.of("propertyName", KEY, "operator", "EQ", "value", fact)))), "properties", List.of(KEY), "limit", 1);
        JsonNode found = http.call(HttpMethod.POST, NOTES + "/search", search, token, "HubSpot note search")
                .path("results").path(0);
        return found.isMissingNode() ? null : found.path("id").asString();
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
        String legacyName = w.text() == null ? "" : w.text().replaceFirst("\\s*\\([^()]*\\)$", "").trim();
        if (!legacyName.isEmpty() && !w.fields().containsKey(CrmField.REFERRED_NAME.name())) {
            // a write queued before the name travelled on its own: its text is "name (company)"; a referral with
            // no name has only " (company)" there, which is no first name
            props.put("firstname", legacyName);
        }
        try {
            return http.call(HttpMethod.POST, "/crm/v3/objects/contacts", Map.of("properties", props), token,
                    "HubSpot lead").path("id").asString();
        } catch (CrmException e) {
            if (e.status() == 409) {
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
        return names(properties(object));
    }

    private JsonNode properties(String object) {
        return http.call(HttpMethod.GET, "/crm/v3/properties/" + object, null, token, "HubSpot " + object + " properties")
                .path("results");
    }

    private static List<String> names(JsonNode properties) {
        List<String> names = new ArrayList<>();
        properties.forEach(p -> names.add(p.path("name").asString()));
        return names;
    }

    List<String> createMissingFields() {
        return missingFields(true);
    }

    /** The properties the bot writes or reads that the portal lacks, each "object.name" (setup creates them). */
    List<String> missingFields() {
        return missingFields(false);
    }

    private List<String> missingFields(boolean create) {
        List<String> missing = new ArrayList<>();
        for (String object : List.of("contacts", "companies", "notes")) {
            JsonNode existing = properties(object);
            List<String> known = names(existing);
            for (Map.Entry<String, String> p : wanted(object).entrySet()) {
                if (!known.contains(p.getKey())) {
                    if (create) {
                        String[] labelAndType = p.getValue().split("\\|");
                        http.call(HttpMethod.POST, "/crm/v3/properties/" + object, definition(p.getKey(), labelAndType[0],
                                labelAndType[1], group(object, existing)), token, "HubSpot property creation");
                    }
                    missing.add(object + "." + p.getKey());
                }
            }
        }
        return missing;
    }

    /** The property group a new property joins: the object's information group; for notes the note body's own. */
    private static String group(String object, JsonNode existing) {
        return switch (object) {
            case "contacts" -> "contactinformation";
            case "companies" -> "companyinformation";
            default -> {
                String group = "";
                for (JsonNode p : existing) {
                    if (p.path("name").asString().equals("hs_note_body")) {
                        group = p.path("groupName").asString("");
                    }
                }
                yield group;
            }
        };
    }

    /** The properties the bot writes or reads on the object: name to "label|type". */
    private Map<String, String> wanted(String object) {
        if (object.equals("notes")) {
            return Map.of(KEY, "Referral Loop key|string");
        }
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

    private static Map<String, Object> definition(String name, String label, String type, String group) {
        String fieldType = switch (type) {
            case "number" -> "number";
            case "date" -> "date";
            default -> "text";
        };
        return Map.of("name", name, "label", label, "type", type, "fieldType", fieldType, "groupName", group,
                "description", "Written by Referral Loop");
    }
}
