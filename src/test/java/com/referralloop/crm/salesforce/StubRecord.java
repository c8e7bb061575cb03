package com.referralloop.crm.salesforce;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** One record the Salesforce stub holds: its fields by API name (values may be null), change time and deletion. */
record StubRecord(String type, Map<String, Object> fields) {

    static final DateTimeFormatter SALESFORCE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ").withZone(ZoneOffset.UTC);

    static StubRecord of(String type, String id, Instant modstamp, Map<String, Object> values) {
        Map<String, Object> f = Collections.synchronizedMap(new LinkedHashMap<>());
        f.put("Id", id);
        f.put("IsDeleted", false);
        f.putAll(values);
        f.put("SystemModstamp", modstamp);
        return new StubRecord(type, f);
    }

    String id() {
        return (String) fields.get("Id");
    }

    Instant modstamp() {
        return (Instant) fields.get("SystemModstamp");
    }

    boolean deleted() {
        return Boolean.TRUE.equals(fields.get("IsDeleted"));
    }

    Object get(String name) {
        return fields.get(canonical(name));
    }

    /** The stored key of a field named in any case (Salesforce answers with the API name as described). */
    String canonical(String name) {
        synchronized (fields) {
            return fields.keySet().stream().filter(name::equalsIgnoreCase).findFirst().orElse(name);
        }
    }

    /** A value as Salesforce writes it in JSON: datetimes as 2026-11-01T00:00:00.000+0000. */
    Object json(String name) {
        Object v = get(name);
        return v instanceof Instant t ? SALESFORCE.format(t) : v;
    }

    static Map<String, Object> attributes(String type, String id) {
        return Map.of("type", type, "url", "/services/data/" + SalesforceStub.VERSION + "/sobjects/" + type + "/" + id);
    }
}
