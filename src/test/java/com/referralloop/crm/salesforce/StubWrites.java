package com.referralloop.crm.salesforce;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * The stub's record writes as Salesforce answers them: PATCH 204 (404 NOT_FOUND for an unknown or deleted id,
 * 400 INVALID_FIELD for a field the object lacks, 400 CANNOT_UPDATE_CONVERTED_LEAD for a converted lead), create 201 {@code {"id", "success", "errors"}} with
 * REQUIRED_FIELD_MISSING and a Task's WhatId checked, upsert by External ID (201 created, 200 updated with
 * {@code "created"}, 300 for a value on several records, 404 for a field that is no External ID), DELETE 204
 * into the recycle bin (404 NOT_FOUND, or ENTITY_IS_DELETED once deleted), and sObject Collections results
 * with {@code statusCode}.
 */
final class StubWrites {

    private StubWrites() {
    }

    static SalesforceStub.Resp update(SalesforceStub sf, String type, String id, JsonNode body) {
        Map<String, StubRecord> store = sf.store(type);
        StubRecord r = store == null ? null : store.get(id);
        if (r == null || r.deleted()) {
            return SalesforceStub.error(404, "NOT_FOUND", "The requested resource does not exist");
        }
        if (Boolean.TRUE.equals(r.get("IsConverted"))) {
            // without the "View and Edit Converted Leads" permission, which the stub's integration user lacks
            return SalesforceStub.error(400, "CANNOT_UPDATE_CONVERTED_LEAD", "cannot reference converted lead");
        }
        String unknown = unknownField(sf, type, body);
        if (unknown != null) {
            return SalesforceStub.json(400, List.of(Map.of("message", "No such column '" + unknown + "' on sobject of type "
                    + type, "errorCode", "INVALID_FIELD", "fields", List.of())));
        }
        apply(r, body);
        return new SalesforceStub.Resp(204, Map.of(), null);
    }

    /** {@code PATCH /sobjects/<type>/<field>/<value>}; the field may not be in the body (nor Id). */
    static SalesforceStub.Resp upsert(SalesforceStub sf, String type, String field, String value, JsonNode body) {
        Map<String, StubRecord> store = sf.store(type);
        if (store == null || !sf.externalIds.contains(type + "." + field)) {
            return SalesforceStub.error(404, "NOT_FOUND", "The requested resource does not exist");
        }
        if (body.has(field) || body.has("Id")) {
            return SalesforceStub.json(400, List.of(Map.of("message", "The field " + field + " is the upsert's key and "
                    + "cannot be specified in the body", "errorCode", "INVALID_FIELD", "fields", List.of(field))));
        }
        List<StubRecord> matching = store.values().stream().filter(r -> !r.deleted() && value.equals(r.get(field))).toList();
        if (matching.size() > 1) {
            return SalesforceStub.json(300, matching.stream().map(r -> StubRecord.attributes(type, r.id()).get("url")).toList());
        }
        if (matching.size() == 1) {
            SalesforceStub.Resp updated = update(sf, type, matching.get(0).id(), body);
            return updated.code() != 204 ? updated : SalesforceStub.json(200, Map.of("id", matching.get(0).id(),
                    "success", true, "errors", List.of(), "created", false));
        }
        tools.jackson.databind.node.ObjectNode keyed = ((tools.jackson.databind.node.ObjectNode) body.deepCopy()).put(field, value);
        SalesforceStub.Resp created = create(sf, type, keyed);
        return created.code() != 201 ? created : SalesforceStub.json(201, Map.of("id", ((Map<?, ?>) created.body()).get("id"),
                "success", true, "errors", List.of(), "created", true));
    }

    static SalesforceStub.Resp delete(SalesforceStub sf, String type, String id) {
        Map<String, StubRecord> store = sf.store(type);
        StubRecord r = store == null ? null : store.get(id);
        if (r == null) {
            return SalesforceStub.error(404, "NOT_FOUND", "The requested resource does not exist");
        }
        if (r.deleted()) {
            return SalesforceStub.error(404, "ENTITY_IS_DELETED", "entity is deleted");
        }
        r.fields().put("IsDeleted", true);
        r.fields().put("SystemModstamp", Instant.now());
        return new SalesforceStub.Resp(204, Map.of(), null);
    }

    static SalesforceStub.Resp create(SalesforceStub sf, String type, JsonNode body) {
        Map<String, StubRecord> store = sf.store(type);
        if (store == null || type.equals("User")) {
            return SalesforceStub.error(404, "NOT_FOUND", "The requested resource does not exist");
        }
        String unknown = unknownField(sf, type, body);
        if (unknown != null) {
            return SalesforceStub.json(400, List.of(Map.of("message", "No such column '" + unknown + "' on sobject of type "
                    + type, "errorCode", "INVALID_FIELD", "fields", List.of())));
        }
        List<String> required = type.equals("Lead") ? List.of("LastName", "Company") : List.of();
        List<String> lacking = required.stream().filter(f -> body.path(f).asString("").isBlank()).toList();
        if (!lacking.isEmpty()) {
            return SalesforceStub.json(400, List.of(Map.of("message", "Required fields are missing: " + lacking,
                    "errorCode", "REQUIRED_FIELD_MISSING", "fields", lacking)));
        }
        if (type.equals("Task") && !sf.accounts.containsKey(body.path("WhatId").asString(""))) {
            return SalesforceStub.json(400, List.of(Map.of("message", "invalid cross reference id",
                    "errorCode", "INVALID_CROSS_REFERENCE_KEY", "fields", List.of("WhatId"))));
        }
        String id = sf.id(type.equals("Lead") ? "00Q" : type.equals("Task") ? "00T" : type.equals("Account") ? "001" : "003");
        StubRecord r = StubRecord.of(type, id, Instant.now(), Map.of());
        apply(r, body);
        store.put(id, r);
        return SalesforceStub.json(201, Map.of("id", id, "success", true, "errors", List.of()));
    }

    /** sObject Collections PATCH: {@code {"allOrNone", "records": [{"attributes": {"type"}, "id", ...}]}}. */
    static SalesforceStub.Resp collection(SalesforceStub sf, JsonNode body) {
        List<Map<String, Object>> results = new ArrayList<>();
        for (JsonNode rec : body.path("records")) {
            String type = rec.path("attributes").path("type").asString();
            String id = rec.path("id").asString();
            Map<String, StubRecord> store = sf.store(type);
            StubRecord r = store == null ? null : store.get(id);
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("id", r == null ? null : id);
            if (r == null || r.deleted()) {
                result.put("success", false);
                result.put("errors", List.of(Map.of("statusCode", "ENTITY_IS_DELETED", "message", "entity is deleted",
                        "fields", List.of())));
            } else {
                JsonNode values = rec.deepCopy();
                ((tools.jackson.databind.node.ObjectNode) values).remove(List.of("attributes", "id"));
                apply(r, values);
                result.put("success", true);
                result.put("errors", List.of());
            }
            results.add(result);
        }
        return SalesforceStub.json(200, results);
    }

    private static String unknownField(SalesforceStub sf, String type, JsonNode body) {
        for (String name : body.propertyNames()) {
            if (sf.describe.get(type).stream().noneMatch(name::equalsIgnoreCase)) {
                return name;
            }
        }
        return null;
    }

    private static void apply(StubRecord r, JsonNode body) {
        for (Map.Entry<String, JsonNode> e : body.properties()) {
            JsonNode v = e.getValue();
            r.fields().put(r.canonical(e.getKey()), v.isNull() ? null : v.isNumber() ? v.numberValue() : v.asString());
        }
        r.fields().put("SystemModstamp", Instant.now());
    }
}
