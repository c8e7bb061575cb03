package com.referralloop.crm.salesforce;

import com.referralloop.crm.CrmException;
import com.referralloop.crm.CrmException.Kind;
import com.referralloop.crm.CrmField;
import com.referralloop.crm.CrmWrite;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.springframework.http.HttpMethod;
import org.springframework.web.util.UriUtils;
import tools.jackson.databind.JsonNode;

/**
 * Writes to Salesforce. A contact is found by email and patched in one composite request (the query, then
 * a PATCH of {@code @{found.records[0].Id}}); further contacts with the same email (duplicates) get the same
 * values through one sObject Collections PATCH, so a withdrawn consent shows on every copy. Accounts are
 * patched by id, a referral becomes a Lead with LeadSource "Customer Referral" (an erase of its referrer
 * removes them from it), a won deal or a closed
 * follow-up a completed Task on the account. Leads and Tasks carry their fact in {@value #KEY}: a Lead is
 * upserted by it (an External ID), a Task looked up by it before it is created, so a retry after a lost answer
 * finds the record the first try made.
 */
final class SalesforceWriter {

    static final String LEAD_SOURCE = "Customer Referral";
    static final String NO_COMPANY = "[not provided]";
    /** The field (on Lead, and on Task through Activity) holding the fact the record was created for. */
    static final String KEY = "Referral_Loop_Key__c";
    /** The custom fields the bot writes, by object (docs/crm.md, manifests/salesforce). */
    static final Map<String, List<String>> WRITTEN = Map.of(
            "Contact", names(CrmField.Target.CONTACT),
            "Account", names(CrmField.Target.ACCOUNT),
            "Lead", List.of(CrmField.REFERRED_BY.salesforceName(), KEY),
            "Task", List.of(KEY));
    private static final String ID = "[a-zA-Z0-9]{15}|[a-zA-Z0-9]{18}";

    private final SalesforceApi api;
    private final SalesforceAnswers answers;
    private final Clock clock;

    SalesforceWriter(SalesforceApi api, SalesforceAnswers answers, Clock clock) {
        this.api = api;
        this.answers = answers;
        this.clock = clock;
    }

    String write(CrmWrite w) {
        return switch (w.kind()) {
            case CONTACT -> contact(w.key(), values(w.fields()));
            case ACCOUNT -> {
                String id = recordId(w.key(), "Account");
                api.call(HttpMethod.PATCH, api.data("/sobjects/Account/" + id), values(w.fields()), "Salesforce account update");
                yield id;
            }
            case LEAD -> lead(w);
            case NOTE -> task(w);
            case NOTE_DELETE -> {
                String id = recordId(w.key(), "Task");
                api.call(HttpMethod.DELETE, api.data("/sobjects/Task/" + id), null, "Salesforce task deletion");
                yield id;
            }
            case LEAD_REFERRER_CLEAR -> referrerCleared(w);
        };
    }

    /**
     * One {@code POST /composite} ({@code allOrNone: false}): the query (reference {@code found}), then a PATCH of
     * {@code @{found.records[0].Id}} (reference {@code update}), which fails when the query found nothing.
     */
    private JsonNode findAndPatch(String object, String soql, Map<String, Object> values, String what) {
        Map<String, Object> patch = new LinkedHashMap<>();
        patch.put("method", "PATCH");
        patch.put("url", api.data("/sobjects/" + object + "/@{found.records[0].Id}"));
        patch.put("referenceId", "update");
        patch.put("body", values);
        Map<String, Object> body = Map.of("allOrNone", false, "compositeRequest", List.of(
                Map.of("method", "GET", "url", Soql.path(api, "query", soql), "referenceId", "found"), patch));
        return api.call(HttpMethod.POST, api.data("/composite"), body, what);
    }

    private String contact(String email, Map<String, Object> values) {
        String soql = "SELECT Id FROM Contact WHERE Email = " + Soql.literal(email) + " ORDER BY SystemModstamp DESC LIMIT 200";
        String what = "Salesforce contact update";
        JsonNode answer = findAndPatch("Contact", soql, values, what);
        JsonNode found = subrequest(answer, "found", what);
        List<String> ids = new ArrayList<>();
        found.path("body").path("records").forEach(r -> ids.add(r.path("Id").asString()));
        if (ids.isEmpty()) {
            throw new CrmException(Kind.REJECTED, what + ": no Salesforce contact has the write's email");
        }
        subrequest(answer, "update", what);
        if (ids.size() > 1) {
            duplicates(ids.subList(1, ids.size()), values, what);
        }
        return ids.get(0);
    }

    /** The same values on the other contacts of that email, in one sObject Collections call (at most 200). */
    private void duplicates(List<String> ids, Map<String, Object> values, String what) {
        List<Map<String, Object>> records = new ArrayList<>();
        for (String id : ids) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("attributes", Map.of("type", "Contact"));
            r.put("id", id);
            r.putAll(values);
            records.add(r);
        }
        JsonNode results = api.call(HttpMethod.PATCH, api.data("/composite/sobjects"),
                Map.of("allOrNone", false, "records", records), what + " (duplicates)");
        for (JsonNode r : results) {
            if (!r.path("success").asBoolean(false)) {
                // the outbox tries the whole write again: PATCH sets the same values, twice is harmless
                throw answers.failure(400, r.path("errors"), what + " (duplicates)");
            }
        }
    }

    private String lead(CrmWrite w) {
        String name = w.fields().get(CrmField.REFERRED_NAME.name());
        String email = w.key();
        String person = name == null || name.isBlank() ? email.substring(0, Math.max(0, email.indexOf('@'))) : name.trim();
        int space = person.lastIndexOf(' ');
        String referrer = w.fields().get(CrmField.REFERRED_BY.name());
        String company = w.fields().get(CrmField.REFERRED_COMPANY.name());
        Map<String, Object> lead = new LinkedHashMap<>();
        if (space > 0) {
            lead.put("FirstName", cut(person.substring(0, space), 40));
        }
        lead.put("LastName", cut(person.isBlank() ? email : person.substring(space + 1), 80));
        lead.put("Company", cut(company == null || company.isBlank() ? NO_COMPANY : company.trim(), 255));
        lead.put("Email", email);
        lead.put("LeadSource", LEAD_SOURCE);
        lead.put(CrmField.REFERRED_BY.salesforceName(), blank(referrer) ? null : referrer);
        lead.put("Description", description(referrer));
        if (w.fact() == null) {
            // queued before writes carried their fact: nothing to key it by
            return api.call(HttpMethod.POST, api.data("/sobjects/Lead"), lead, "Salesforce lead").path("id").asString();
        }
        // upsert by the key: 201 created, 200 (204 before API v46) when a lost answer's try created it already
        String byKey = api.data("/sobjects/Lead/" + KEY + "/" + UriUtils.encodePathSegment(w.fact(), StandardCharsets.UTF_8));
        return api.call(HttpMethod.PATCH, byKey, lead, "Salesforce lead").path("id").asString(KEY + "/" + w.fact());
    }

    private static String description(String referrer) {
        return "Referred by " + (blank(referrer) ? "a customer" : referrer) + " (Referral Loop).";
    }

    /**
     * The referral's Lead, found by its key (the fact it was upserted under, in {@code text}), without its erased
     * referrer: Referred By emptied, the Description naming "a customer". Never an upsert, which would create a
     * lead: no lead with the key is nothing to clear (null). A converted lead refuses the change unless the
     * integration user may edit converted leads; that write is rejected with what to do by hand.
     */
    private String referrerCleared(CrmWrite w) {
        String what = "Salesforce lead referrer removal";
        String soql = "SELECT Id, IsConverted FROM Lead WHERE " + KEY + " = " + Soql.literal(w.text())
                + " ORDER BY SystemModstamp DESC LIMIT 1";
        Map<String, Object> values = new LinkedHashMap<>();
        values.put(CrmField.REFERRED_BY.salesforceName(), null);
        values.put("Description", description(null));
        JsonNode answer = findAndPatch("Lead", soql, values, what);
        JsonNode lead = subrequest(answer, "found", what).path("body").path("records").path(0);
        if (lead.isMissingNode()) {
            return null; // never written (or deleted): the PATCH failed for want of an id, as expected
        }
        String id = lead.path("Id").asString();
        try {
            subrequest(answer, "update", what);
        } catch (CrmException e) {
            if (e.kind() == Kind.REJECTED && lead.path("IsConverted").asBoolean(false)) {
                throw new CrmException(Kind.REJECTED, what + ": lead " + id + " is converted and was not changed ("
                        + e.getMessage() + "); empty its " + CrmField.REFERRED_BY.salesforceName() + " and its Description's"
                        + " referrer by hand, or let the integration user edit converted leads and retry this write");
            }
            throw e;
        }
        return id;
    }

    private String task(CrmWrite w) {
        String account = recordId(w.key(), "Account");
        String text = w.text() == null ? "" : w.text();
        int colon = text.indexOf(':');
        Map<String, Object> task = new LinkedHashMap<>();
        task.put("WhatId", account);
        task.put("Subject", cut("Referral Loop: " + (colon > 0 ? text.substring(0, colon) : text), 255));
        task.put("Description", cut(text, 32_000));
        task.put("Status", "Completed");
        task.put("ActivityDate", LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).toString());
        if (w.fact() != null) {
            // an activity field is no External ID to upsert by: look the key up first (the create needs the
            // answer, so a composite would save no call)
            String soql = "SELECT Id FROM Task WHERE " + KEY + " = " + Soql.literal(w.fact())
                    + " ORDER BY SystemModstamp DESC LIMIT 1";
            JsonNode found = api.get(Soql.path(api, "query", soql), "Salesforce task lookup").path("records").path(0);
            if (!found.isMissingNode()) {
                return found.path("Id").asString();
            }
            task.put(KEY, w.fact());
        }
        return api.call(HttpMethod.POST, api.data("/sobjects/Task"), task, "Salesforce task").path("id").asString();
    }

    /** The subrequest's result, or the CrmException its failure means. */
    private JsonNode subrequest(JsonNode answer, String referenceId, String what) {
        for (JsonNode r : answer.path("compositeResponse")) {
            if (referenceId.equals(r.path("referenceId").asString())) {
                int status = r.path("httpStatusCode").asInt(0);
                if (status >= 200 && status < 300) {
                    return r;
                }
                throw answers.failure(status, r.path("body"), what);
            }
        }
        throw new CrmException(Kind.FAILED, what + ": the composite answer lacks " + referenceId);
    }

    /** Neutral field names to Salesforce API names, typed: numbers as numbers, blanks as null (which clears). */
    static Map<String, Object> values(Map<String, String> fields) {
        Map<String, Object> out = new LinkedHashMap<>();
        fields.forEach((k, v) -> {
            CrmField f = CrmField.valueOf(k);
            out.put(f.salesforceName(), blank(v) ? null : f.type().equals("number") ? number(v) : v);
        });
        return out;
    }

    private static Object number(String v) {
        try {
            return new BigDecimal(v.trim());
        } catch (NumberFormatException notANumber) {
            return v; // Salesforce says what is wrong with it, and the write is dead-lettered
        }
    }

    private static String recordId(String key, String object) {
        if (key == null || !key.matches(ID)) {
            throw new CrmException(Kind.REJECTED, "Salesforce " + object.toLowerCase(java.util.Locale.ROOT) + " write: the "
                    + (object.equals("Task") ? "task's id" : "account's id") + " is not a Salesforce record id"
                    + (object.equals("Task") ? "" : " (was it imported, not synced?)"));
        }
        return key;
    }

    /** The names of {@code wanted} (object to API names) that the objects' describe lacks, each "Object.Field". */
    List<String> missing(Map<String, List<String>> wanted) {
        List<String> missing = new ArrayList<>();
        for (Map.Entry<String, List<String>> e : new java.util.TreeMap<>(wanted).entrySet()) {
            if (e.getValue().isEmpty()) {
                continue;
            }
            JsonNode describe = api.get(api.data("/sobjects/" + e.getKey() + "/describe"), "Salesforce " + e.getKey() + " describe");
            TreeSet<String> known = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
            describe.path("fields").forEach(f -> known.add(f.path("name").asString()));
            e.getValue().stream().filter(n -> !known.contains(n)).forEach(n -> missing.add(e.getKey() + "." + n));
        }
        return missing;
    }

    private static List<String> names(CrmField.Target target) {
        List<String> names = new ArrayList<>();
        for (CrmField f : CrmField.values()) {
            if (f.target() == target) {
                names.add(f.salesforceName());
            }
        }
        return List.copyOf(names);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static String cut(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }
}
