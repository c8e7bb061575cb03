package com.referralloop.crm.hubspot;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import com.referralloop.support.LocalHttpServer;
import com.referralloop.support.LostAnswers;
import java.util.concurrent.CountDownLatch;
import java.nio.charset.StandardCharsets;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * A local HubSpot CRM v3 (a {@link LocalHttpServer}) answering the way HubSpot documents: search with filterGroups, sorts
 * and the {@code paging.next.after} cursor (limit at most 100, 400 past 10,000 results), owners and archived
 * contacts paged the same way, the properties API (contacts, companies, notes), PATCH by id or
 * {@code idProperty=email}, notes (created with known properties only, searched, deleted: 204, or 404 when
 * gone), 401 for a wrong token, 429 with Retry-After, and answers lost after the change was made when told to.
 */
public final class HubSpotStub implements AutoCloseable {

    public static final String TOKEN = "pat-na1-test-0000-stub-token";
    static final ObjectMapper JSON = JsonMapper.builder().build();

    /** One stored HubSpot object: its id, its properties (all strings, or anything to test bad types) and change time. */
    public record HsObject(String id, Map<String, Object> properties, Instant archivedAt) { }

    /** One request as it arrived. */
    public record Call(String method, String path, String query, JsonNode body) { }

    /** One request as the stub reads it. */
    private record Req(String method, String path, String query, String authorization, String body) {
        String param(String name) {
            return new LocalHttpServer.Request(method, path, query, authorization, body).param(name);
        }
    }

    /** One answer: status, headers and a JSON body. */
    record Resp(int code, Map<String, String> headers, String body) { }

    private final LocalHttpServer server;
    public final Map<String, HsObject> companies = new ConcurrentHashMap<>();
    public final Map<String, HsObject> contacts = new ConcurrentHashMap<>();
    public final Map<String, String> owners = new ConcurrentHashMap<>();
    public final Map<String, HsObject> archivedContacts = new ConcurrentHashMap<>();
    public final Map<String, HsObject> notes = new ConcurrentHashMap<>();
    public final Map<String, Set<String>> properties = new ConcurrentHashMap<>();
    public final List<Call> calls = new CopyOnWriteArrayList<>();
    /** Statuses answered (with Retry-After 1 for 429) before the next calls are served normally. */
    public final ConcurrentLinkedQueue<Integer> faults = new ConcurrentLinkedQueue<>();
    public volatile String acceptedToken = TOKEN;
    /** When set, search calls with this "after" fail with 500 (a page that fails mid-sync). */
    public volatile String failingAfter;
    /** A storm of 429s when started; it also keeps the time of every answer. */
    public final com.referralloop.support.RateLimitStorm storm = new com.referralloop.support.RateLimitStorm();
    /** Requests applied, then answered 500 (the answer lost). */
    public final LostAnswers lostAnswers = new LostAnswers();
    /** When set, a note creation waits for it before it is stored and answered (a note on its way). */
    public volatile CountDownLatch holdNoteCreation;
    private final AtomicInteger ids = new AtomicInteger(900_000);

    public HubSpotStub() {
        properties.put("contacts", ConcurrentHashMap.newKeySet());
        properties.put("companies", ConcurrentHashMap.newKeySet());
        properties.put("notes", ConcurrentHashMap.newKeySet());
        defaultProperties();
        server = new LocalHttpServer(this::serve);
    }

    private LocalHttpServer.Response serve(LocalHttpServer.Request in) {
        long arrived = System.nanoTime();
        Resp resp = answer(new Req(in.method(), in.path(), in.rawQuery(), in.authorization(), in.body()));
        String retryAfter = resp.headers().get("Retry-After");
        storm.answered(in.method() + " " + in.path(), arrived, resp.code(),
                retryAfter == null ? null : java.time.Duration.ofSeconds(Long.parseLong(retryAfter)));
        return new LocalHttpServer.Response(resp.code(), resp.headers(), resp.body().getBytes(StandardCharsets.UTF_8));
    }

    /** The properties a fresh portal has, with the mapped chat-id fields already created and no Referral Loop ones. */
    private void defaultProperties() {
        properties.get("contacts").addAll(List.of("email", "firstname", "lastname", "associatedcompanyid", "lastmodifieddate",
                "hs_lead_status", "lifecyclestage", "recent_deal_amount", "referral_loop_slack_user_id", "referral_loop_discord_user_id",
                "referral_loop_preferred_channel"));
        properties.get("companies").addAll(List.of("name", "hubspot_owner_id", "hs_lastmodifieddate",
                "referral_loop_cs_channel", "referral_loop_manager_email"));
        properties.get("notes").addAll(List.of("hs_timestamp", "hs_note_body", "hs_lastmodifieddate"));
    }

    /** The property group a portal keeps an object's own properties in (the stub's names). */
    static String groupOf(String object) {
        return switch (object) {
            case "contacts" -> "contactinformation";
            case "companies" -> "companyinformation";
            default -> "note_details";
        };
    }

    /** Back to a fresh portal (for tests that share one stub): no records, calls, faults or created properties. */
    public void reset() {
        companies.clear();
        contacts.clear();
        owners.clear();
        archivedContacts.clear();
        notes.clear();
        calls.clear();
        faults.clear();
        lostAnswers.clear();
        holdNoteCreation = null;
        acceptedToken = TOKEN;
        failingAfter = null;
        properties.values().forEach(Set::clear);
        defaultProperties();
    }

    public String url() {
        return server.url();
    }

    /** Points the app at this portal with the private-app token it accepts. */
    public void connect(org.springframework.test.context.DynamicPropertyRegistry r) {
        r.add("referral.crm.hubspot.access-token", () -> TOKEN);
        r.add("referral.crm.hubspot.api-url", this::url);
    }

    public void company(String id, String name, String ownerId, Instant modified, Map<String, Object> extra) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("name", name);
        p.put("hubspot_owner_id", ownerId);
        p.put("hs_lastmodifieddate", modified.toString());
        p.put("hs_object_id", id);
        p.putAll(extra);
        companies.put(id, new HsObject(id, p, null));
    }

    public void contact(String id, String email, String first, String last, String companyId, Instant modified,
                        Map<String, Object> extra) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("email", email);
        p.put("firstname", first);
        p.put("lastname", last);
        p.put("associatedcompanyid", companyId);
        p.put("lastmodifieddate", modified.toString());
        p.put("hs_object_id", id);
        p.putAll(extra);
        contacts.put(id, new HsObject(id, p, null));
    }

    /** A rep's change in HubSpot of the contact with this email (a lead the bot wrote): the properties and its change time. */
    public void changeContact(String email, Map<String, Object> changed, Instant at) {
        HsObject c = contacts.values().stream().filter(o -> email.equalsIgnoreCase(String.valueOf(o.properties().get("email"))))
                .findFirst().orElseThrow(() -> new IllegalStateException("no contact " + email + " in the stub"));
        c.properties().putAll(changed);
        c.properties().put("lastmodifieddate", at.toString());
    }

    public void archiveContact(String id, Instant at) {
        HsObject c = contacts.remove(id);
        archivedContacts.put(id, new HsObject(id, c.properties(), at));
    }

    public List<Call> calls(String method, String pathPrefix) {
        return calls.stream().filter(c -> c.method().equals(method) && c.path().startsWith(pathPrefix)).toList();
    }

    private Resp answer(Req r) {
        Resp resp = route(r);
        if (resp.code() < 300 && lostAnswers.take(r.method(), r.path())) {
            return json(500, Map.of("status", "error", "message", "internal error", "category", "INTERNAL_ERROR"));
        }
        return resp;
    }

    private Resp route(Req r) {
        String path = r.path();
        String query = r.query();
        JsonNode body = r.body() == null || r.body().isEmpty() ? null : JSON.readTree(r.body());
        calls.add(new Call(r.method(), path, query, body));
        if (storm.limits()) {
            // HubSpot's answer to a burst past the per-10-seconds limit
            return new Resp(429, Map.of("Content-Type", "application/json", "Retry-After",
                    Integer.toString(storm.retryAfterSeconds())), "{\"status\":\"error\",\"message\":\"You have "
                    + "reached your secondly limit.\",\"errorType\":\"RATE_LIMIT\",\"policyName\":\"SECONDLY\","
                    + "\"category\":\"RATE_LIMITS\"}");
        }
        Integer fault = faults.poll();
        if (fault != null) {
            Map<String, String> headers = new LinkedHashMap<>(Map.of("Content-Type", "application/json"));
            if (fault == 429) {
                headers.put("Retry-After", "1");
            }
            return new Resp(fault, headers,
                    "{\"status\":\"error\",\"message\":\"fault " + fault + "\",\"category\":\"RATE_LIMITS\"}");
        }
        if (!("Bearer " + acceptedToken).equals(r.authorization())) {
            return json(401, Map.of("status", "error", "message", "Authentication credentials not found.",
                    "category", "INVALID_AUTHENTICATION"));
        }
        String method = r.method();
        if (method.equals("POST") && path.matches("/crm/v3/objects/(companies|contacts|notes)/search")) {
            return StubSearch.search(path.contains("companies") ? companies : path.contains("notes") ? notes : contacts,
                    path.contains("contacts") ? "lastmodifieddate" : "hs_lastmodifieddate", body, failingAfter);
        }
        if (method.equals("GET") && path.equals("/crm/v3/owners")) {
            List<Map<String, Object>> all = owners.entrySet().stream().sorted(Map.Entry.comparingByKey())
                    .map(e -> Map.<String, Object>of("id", e.getKey(), "email", e.getValue(), "firstName", "Rep",
                            "lastName", e.getKey(), "userId", Integer.parseInt(e.getKey()) + 1000, "archived", false))
                    .toList();
            return json(200, StubSearch.paged(all, param(r, "after"), intParam(r, "limit", 100)));
        }
        if (method.equals("GET") && path.equals("/crm/v3/objects/contacts") && "true".equals(param(r, "archived"))) {
            List<Map<String, Object>> all = archivedContacts.values().stream().sorted(Comparator.comparing(HsObject::id))
                    .map(c -> Map.<String, Object>of("id", c.id(), "properties", Map.of("email", c.properties().get("email")),
                            "archived", true, "archivedAt", c.archivedAt().toString()))
                    .toList();
            return json(200, StubSearch.paged(all, param(r, "after"), intParam(r, "limit", 100)));
        }
        if (method.equals("GET") && path.startsWith("/crm/v3/properties/")) {
            String object = path.substring("/crm/v3/properties/".length());
            return json(200, Map.of("results", properties.getOrDefault(object, Set.of()).stream().sorted()
                    .map(n -> Map.of("name", n, "label", n, "type", "string", "fieldType", "text", "groupName", groupOf(object)))
                    .toList()));
        }
        if (method.equals("POST") && path.startsWith("/crm/v3/properties/")) {
            String object = path.substring("/crm/v3/properties/".length());
            String name = body.path("name").asString();
            if (!properties.get(object).add(name)) {
                return json(409, Map.of("status", "error", "message", "Property already exists"));
            }
            return json(201, Map.of("name", name, "label", body.path("label").asString(), "type", body.path("type").asString()));
        }
        if (method.equals("PATCH") && path.startsWith("/crm/v3/objects/")) {
            return patch(path, query, body);
        }
        if (method.equals("POST") && path.equals("/crm/v3/objects/notes")) {
            return createNote(body);
        }
        if (method.equals("DELETE") && path.startsWith("/crm/v3/objects/notes/")) {
            // HubSpot archives it (to the recycle bin); a note it no longer has is not found
            return notes.remove(path.substring("/crm/v3/objects/notes/".length())) == null
                    ? json(404, Map.of("status", "error", "message", "resource not found", "category", "OBJECT_NOT_FOUND"))
                    : new Resp(204, Map.of(), "");
        }
        if (method.equals("POST") && path.equals("/crm/v3/objects/contacts")) {
            String email = body.path("properties").path("email").asString();
            if (contacts.values().stream().anyMatch(c -> email.equalsIgnoreCase(String.valueOf(c.properties().get("email"))))) {
                return json(409, Map.of("status", "error", "message", "Contact already exists. Existing ID: 1", "category", "CONFLICT"));
            }
            String id = Integer.toString(ids.incrementAndGet());
            Map<String, Object> p = new LinkedHashMap<>();
            body.path("properties").properties().forEach(e -> p.put(e.getKey(), e.getValue().asString()));
            p.put("lastmodifieddate", Instant.now().toString());
            contacts.put(id, new HsObject(id, p, null));
            return json(201, Map.of("id", id, "properties", p));
        }
        return json(404, Map.of("status", "error", "message", "no route " + method + " " + path));
    }

    private Resp createNote(JsonNode body) {
        CountDownLatch hold = holdNoteCreation;
        if (hold != null) {
            try {
                hold.await(10, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        List<String> unknown = unknownProperties("notes", body);
        if (!unknown.isEmpty()) {
            return invalid(unknown);
        }
        String id = Integer.toString(ids.incrementAndGet());
        Map<String, Object> p = new LinkedHashMap<>();
        body.path("properties").properties().forEach(e -> p.put(e.getKey(), e.getValue().asString()));
        p.put("hs_lastmodifieddate", Instant.now().toString());
        p.put("company", body.path("associations").path(0).path("to").path("id").asString(null));
        notes.put(id, new HsObject(id, p, null));
        return json(201, Map.of("id", id, "properties", body.path("properties")));
    }

    private static Resp invalid(List<String> unknown) {
        return json(400, Map.of("status", "error", "message", "Property values were not valid: " + unknown,
                "category", "VALIDATION_ERROR"));
    }

    private List<String> unknownProperties(String object, JsonNode body) {
        List<String> unknown = new ArrayList<>();
        body.path("properties").properties().forEach(e -> {
            if (!properties.get(object).contains(e.getKey())) {
                unknown.add(e.getKey());
            }
        });
        return unknown;
    }

    private Resp patch(String path, String query, JsonNode body) {
        String[] parts = path.split("/");
        String object = parts[4];
        String id = java.net.URLDecoder.decode(parts[5], java.nio.charset.StandardCharsets.UTF_8);
        Map<String, HsObject> store = object.equals("companies") ? companies : contacts;
        HsObject target = query != null && query.contains("idProperty=email")
                ? store.values().stream().filter(c -> id.equalsIgnoreCase(String.valueOf(c.properties().get("email")))).findFirst().orElse(null)
                : store.get(id);
        if (target == null) {
            return json(404, Map.of("status", "error", "message", "resource not found", "category", "OBJECT_NOT_FOUND"));
        }
        List<String> unknown = unknownProperties(object, body);
        if (!unknown.isEmpty()) {
            return invalid(unknown);
        }
        body.path("properties").properties().forEach(e -> target.properties().put(e.getKey(), e.getValue().asString()));
        return json(200, Map.of("id", target.id(), "properties", target.properties(), "archived", false));
    }

    private static String param(Req r, String name) {
        return r.param(name);
    }

    private static int intParam(Req r, String name, int fallback) {
        return Objects.requireNonNullElse(r.param(name), "").isEmpty() ? fallback : Integer.parseInt(r.param(name));
    }

    static Resp json(int status, Object body) {
        return new Resp(status, Map.of("Content-Type", "application/json;charset=utf-8"), JSON.writeValueAsString(body));
    }

    @Override
    public void close() {
        server.close();
    }
}
