package com.referralloop.crm.salesforce;

import com.referralloop.crm.CrmField;
import com.referralloop.support.LocalHttpServer;
import java.security.PublicKey;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * A local Salesforce (a {@link LocalHttpServer}) answering in the shapes Salesforce documents: the OAuth token
 * endpoint (client credentials; JWT bearer checked against a public key), SOQL {@code query}/{@code queryAll}
 * with {@code totalSize/done/nextRecordsUrl/records[].attributes} in batches of 2,000, {@code describe},
 * sObject create, PATCH, DELETE and upsert by External ID, {@code composite} and sObject Collections, error lists
 * {@code [{"message", "errorCode", "fields"}]}, 401 INVALID_SESSION_ID for a session it no longer knows, and a
 * {@code Sforce-Limit-Info: api-usage=N/M} header on every API answer.
 */
public final class SalesforceStub implements AutoCloseable {

    static final String VERSION = "v62.0";
    public static final String CLIENT_ID = "3MVG9stub.client.id";
    public static final String CLIENT_SECRET = "stub-client-secret-0000";
    static final ObjectMapper JSON = JsonMapper.builder().build();
    private static final int BATCH = 2000;

    /** One request as it arrived: for queries, {@code soql} is the decoded q. */
    public record Call(String method, String path, String soql, JsonNode body) { }

    /** One answer: status, headers and a body to write as JSON (none when null). */
    record Resp(int code, Map<String, String> headers, Object body) { }

    private final LocalHttpServer server;
    public final Map<String, StubRecord> accounts = new ConcurrentHashMap<>();
    public final Map<String, StubRecord> contacts = new ConcurrentHashMap<>();
    public final Map<String, StubRecord> users = new ConcurrentHashMap<>();
    public final Map<String, StubRecord> leads = new ConcurrentHashMap<>();
    public final Map<String, StubRecord> tasks = new ConcurrentHashMap<>();
    public final Map<String, StubRecord> opportunities = new ConcurrentHashMap<>();
    /** A storm of 429s when started; it also keeps the time of every answer. */
    public final com.referralloop.support.RateLimitStorm storm = new com.referralloop.support.RateLimitStorm();
    /** Past this share of apiMax, an answer asks the bot to pause its calls (SALESFORCE_API_USAGE_PAUSE in the test). */
    public volatile java.time.Duration usagePause;
    public final Map<String, Set<String>> describe = new ConcurrentHashMap<>();
    /** "Object.Field" of the fields marked External ID (the ones an upsert may go by). */
    public final Set<String> externalIds = ConcurrentHashMap.newKeySet();
    /** Writes applied, then answered 500 (the answer lost). */
    public final com.referralloop.support.LostAnswers lostAnswers = new com.referralloop.support.LostAnswers();
    public final List<Call> calls = new CopyOnWriteArrayList<>();
    /** Statuses answered to the next API calls (429 and 503 with Retry-After 1). */
    public final ConcurrentLinkedQueue<Integer> faults = new ConcurrentLinkedQueue<>();
    public final AtomicLong apiUsed = new AtomicLong();
    public volatile long apiMax = 15_000;
    public volatile boolean clientEnabled = true;
    public volatile PublicKey jwtKey;
    public volatile String jwtUsername;
    public final AtomicInteger logins = new AtomicInteger();
    final Set<String> sessions = ConcurrentHashMap.newKeySet();
    private final Map<String, List<Map<String, Object>>> cursors = new ConcurrentHashMap<>();
    private final AtomicInteger ids = new AtomicInteger();

    public SalesforceStub() {
        describe.put("Account", fields("Id", "IsDeleted", "Name", "OwnerId", "MasterRecordId", "SystemModstamp", "Slack_Channel__c"));
        describe.put("Contact", fields("Id", "IsDeleted", "AccountId", "Email", "FirstName", "LastName", "Name",
                "MasterRecordId", "SystemModstamp", "Slack_User_Id__c", "Discord_User_Id__c", "Preferred_Channel__c"));
        describe.put("User", fields("Id", "Email", "ManagerId", "Name"));
        describe.put("Lead", fields("Id", "IsDeleted", "FirstName", "LastName", "Company", "Email", "LeadSource",
                "Description", "Status", "IsConverted", "ConvertedDate", "ConvertedOpportunityId", "SystemModstamp"));
        describe.put("Opportunity", fields("Id", "IsDeleted", "Name", "AccountId", "StageName", "IsClosed", "IsWon",
                "Amount", "CloseDate", "SystemModstamp"));
        describe.put("Task", fields("Id", "IsDeleted", "WhatId", "Subject", "Description", "Status", "ActivityDate",
                "SystemModstamp"));
        server = new LocalHttpServer(in -> {
            long arrived = System.nanoTime();
            Resp r = answer(in.method(), in.path(), in.rawQuery(), in.authorization(), in.body());
            storm.answered(in.method() + " " + in.path(), arrived, r.code(), quietAsked(r));
            Map<String, String> headers = new LinkedHashMap<>(r.headers());
            headers.put("Content-Type", "application/json;charset=UTF-8");
            return new LocalHttpServer.Response(r.code(), headers, r.body() == null ? new byte[0] : JSON.writeValueAsBytes(r.body()));
        });
    }

    private static Set<String> fields(String... names) {
        Set<String> s = ConcurrentHashMap.newKeySet();
        s.addAll(List.of(names));
        return s;
    }

    /** What deploying manifests/salesforce does to the describe: the fields the bot writes exist. */
    public void deployPackage() {
        for (CrmField f : CrmField.values()) {
            if (f.target() != CrmField.Target.LEAD) {
                describe.get(f.target() == CrmField.Target.CONTACT ? "Contact" : "Account").add(f.salesforceName());
            }
        }
        describe.get("Lead").add(CrmField.REFERRED_BY.salesforceName());
        describe.get("Lead").add(SalesforceWriter.KEY);
        externalIds.add("Lead." + SalesforceWriter.KEY);
        // an activity custom field shows on Task's describe
        describe.get("Task").add(SalesforceWriter.KEY);
    }

    public String url() {
        return server.url();
    }

    /**
     * Points the app at this org with the client-credentials flow; a refused token is tried again after 300 ms
     * and the scheduled sync waits an hour (tests run it through the API).
     */
    public void connect(org.springframework.test.context.DynamicPropertyRegistry r) {
        r.add("referral.crm.salesforce.login-url", this::url);
        r.add("referral.crm.salesforce.client-id", () -> CLIENT_ID);
        r.add("referral.crm.salesforce.client-secret", () -> CLIENT_SECRET);
        r.add("referral.crm.token-retry", () -> "300ms");
        r.add("referral.crm.initial-delay", () -> "1h");
    }

    public String id(String prefix) {
        return prefix + String.format("%015d", ids.incrementAndGet());
    }

    public void user(String id, String email, String managerId) {
        users.put(id, StubRecord.of("User", id, Instant.EPOCH, mapOf("Email", email, "ManagerId", managerId)));
    }

    public void account(String id, String name, String ownerId, Instant modstamp, Map<String, Object> extra) {
        Map<String, Object> f = mapOf("Name", name, "OwnerId", ownerId);
        f.putAll(extra);
        accounts.put(id, StubRecord.of("Account", id, modstamp, f));
    }

    public void contact(String id, String accountId, String email, String first, String last, Instant modstamp,
                        Map<String, Object> extra) {
        Map<String, Object> f = mapOf("AccountId", accountId, "Email", email, "FirstName", first, "LastName", last,
                "Name", (first == null ? "" : first + " ") + last);
        f.putAll(extra);
        contacts.put(id, StubRecord.of("Contact", id, modstamp, f));
    }

    /**
     * What a rep's conversion of a referral lead does: an Opportunity (open, stage Prospecting) created with its
     * change time, and the lead marked converted into it. Returns the opportunity's id.
     */
    public String convertLead(String email, Instant at) {
        StubRecord lead = leads.values().stream().filter(l -> email.equalsIgnoreCase(String.valueOf(l.get("Email"))))
                .findFirst().orElseThrow(() -> new IllegalStateException("no lead " + email + " in the stub"));
        String opp = id("006");
        opportunities.put(opp, StubRecord.of("Opportunity", opp, at, mapOf("Name", lead.get("Company") + " - referral",
                "StageName", "Prospecting", "IsClosed", false, "IsWon", false, "Amount", null)));
        lead.fields().putAll(mapOf("IsConverted", true, "Status", "Closed - Converted", "ConvertedOpportunityId", opp,
                "ConvertedDate", at.toString().substring(0, 10), "SystemModstamp", at));
        return opp;
    }

    /** The opportunity closed, won (with its amount) or lost, at {@code at}: its SystemModstamp moves. */
    public void closeOpportunity(String id, boolean won, Double amount, Instant at) {
        opportunities.get(id).fields().putAll(mapOf("StageName", won ? "Closed Won" : "Closed Lost", "IsClosed", true,
                "IsWon", won, "Amount", amount, "SystemModstamp", at));
    }

    /** Deleted into the recycle bin, or merged into {@code masterId} when that is set (Salesforce deletes the loser). */
    public void deleteContact(String id, String masterId, Instant at) {
        Map<String, Object> f = contacts.get(id).fields();
        f.put("IsDeleted", true);
        f.put("MasterRecordId", masterId);
        f.put("SystemModstamp", at);
    }

    /** Every session ends (a token expiry, or an admin revoking the app's sessions). */
    public void endSessions() {
        sessions.clear();
    }

    public List<Call> calls(String method, String pathPart) {
        return calls.stream().filter(c -> c.method().equals(method) && c.path().contains(pathPart)).toList();
    }

    private static Map<String, Object> mapOf(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    private Resp answer(String method, String path, String rawQuery, String authorization, String body) {
        String soql = new LocalHttpServer.Request(method, path, rawQuery, null, null).param("q");
        boolean form = path.equals(SalesforceSession.TOKEN_PATH);
        calls.add(new Call(method, path, soql, form || body.isEmpty() ? null : JSON.readTree(body)));
        if (form) {
            return StubOAuth.token(this, body);
        }
        if (!path.startsWith("/services/data/")) {
            return error(404, "NOT_FOUND", "The requested resource does not exist");
        }
        if (storm.limits()) {
            return withHeader(error(429, "TOO_MANY_REQUESTS", "slow down"),
                    "Retry-After", Integer.toString(storm.retryAfterSeconds()));
        }
        Integer fault = faults.poll();
        if (fault != null) {
            return switch (fault) {
                case 429 -> withHeader(error(429, "TOO_MANY_REQUESTS", "slow down"), "Retry-After", "1");
                case 503 -> withHeader(error(503, "SERVER_UNAVAILABLE", "Server is temporarily unavailable"), "Retry-After", "1");
                case 403 -> error(403, "REQUEST_LIMIT_EXCEEDED", "TotalRequests Limit exceeded.");
                default -> error(fault, "UNKNOWN_EXCEPTION", "fault " + fault);
            };
        }
        if (authorization == null || !authorization.startsWith("Bearer ") || !sessions.contains(authorization.substring(7))) {
            return error(401, "INVALID_SESSION_ID", "Session expired or invalid");
        }
        String usage = "api-usage=" + apiUsed.incrementAndGet() + "/" + apiMax;
        String prefix = "/services/data/" + VERSION;
        if (!path.startsWith(prefix)) {
            return error(404, "NOT_FOUND", "The requested resource does not exist");
        }
        JsonNode json = body.isEmpty() ? null : JSON.readTree(body);
        Resp r = api(method, path.substring(prefix.length()), rawQuery, json);
        if (r.code() < 300 && !method.equals("GET") && lostAnswers.take(method, path)) {
            r = error(500, "UNKNOWN_EXCEPTION", "An unexpected error occurred");
        }
        return withHeader(r, "Sforce-Limit-Info", usage);
    }

    private Resp api(String method, String path, String rawQuery, JsonNode body) {
        String[] p = path.split("/");
        if (method.equals("GET") && (path.equals("/query") || path.equals("/queryAll") || path.equals("/query/")
                || path.equals("/queryAll/"))) {
            return query(new LocalHttpServer.Request(method, path, rawQuery, null, null).param("q"), path.startsWith("/queryAll"));
        }
        if (method.equals("GET") && p.length == 3 && p[1].equals("query")) {
            return nextPage(p[2]);
        }
        if (method.equals("GET") && p.length == 4 && p[1].equals("sobjects") && p[3].equals("describe") && describe.containsKey(p[2])) {
            return json(200, Map.of("name", p[2], "fields", describe.get(p[2]).stream().sorted()
                    .map(n -> Map.of("name", n, "type", n.equals("Id") ? "id" : "string")).toList()));
        }
        if (method.equals("PATCH") && p.length == 4 && p[1].equals("sobjects")) {
            return update(p[2], p[3], body);
        }
        if (method.equals("PATCH") && p.length == 5 && p[1].equals("sobjects")) {
            return StubWrites.upsert(this, p[2], p[3], java.net.URLDecoder.decode(p[4], java.nio.charset.StandardCharsets.UTF_8), body);
        }
        if (method.equals("DELETE") && p.length == 4 && p[1].equals("sobjects")) {
            return StubWrites.delete(this, p[2], p[3]);
        }
        if (method.equals("POST") && p.length == 3 && p[1].equals("sobjects")) {
            return create(p[2], body);
        }
        if (method.equals("POST") && path.equals("/composite")) {
            return StubComposite.run(body, this::api);
        }
        if (method.equals("PATCH") && path.equals("/composite/sobjects")) {
            return StubWrites.collection(this, body);
        }
        return error(404, "NOT_FOUND", "The requested resource does not exist");
    }

    Map<String, StubRecord> store(String type) {
        return switch (type) {
            case "Account" -> accounts;
            case "Contact" -> contacts;
            case "User" -> users;
            case "Lead" -> leads;
            case "Task" -> tasks;
            case "Opportunity" -> opportunities;
            default -> null;
        };
    }

    private Resp query(String soql, boolean all) {
        StubSoql q;
        try {
            q = new StubSoql(soql, describe);
        } catch (StubSoql.Refused e) {
            return error(400, e.code, e.getMessage());
        }
        Map<String, StubRecord> store = store(q.object);
        return page(q.run(store.values(), all, this::store), 0);
    }

    private Resp nextPage(String locatorAndOffset) {
        int dash = locatorAndOffset.lastIndexOf('-');
        List<Map<String, Object>> rows = dash < 0 ? null : cursors.get(locatorAndOffset.substring(0, dash));
        if (rows == null) {
            return error(400, "INVALID_QUERY_LOCATOR", "invalid query locator");
        }
        return page(rows, Integer.parseInt(locatorAndOffset.substring(dash + 1)));
    }

    private Resp page(List<Map<String, Object>> rows, int offset) {
        int end = Math.min(rows.size(), offset + BATCH);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("totalSize", rows.size());
        out.put("done", end >= rows.size());
        if (end < rows.size()) {
            String locator = "01gSTUB" + UUID.randomUUID().toString().substring(0, 8);
            cursors.put(locator, rows);
            out.put("nextRecordsUrl", "/services/data/" + VERSION + "/query/" + locator + "-" + end);
        }
        out.put("records", rows.subList(offset, end));
        return json(200, out);
    }

    private Resp update(String type, String id, JsonNode body) {
        return StubWrites.update(this, type, id, body);
    }

    private Resp create(String type, JsonNode body) {
        return StubWrites.create(this, type, body);
    }

    /** How long an answer asks the bot to stay quiet: a Retry-After, or the usage pause once the usage passed its share. */
    private java.time.Duration quietAsked(Resp r) {
        String retryAfter = r.headers().get("Retry-After");
        if (retryAfter != null) {
            return java.time.Duration.ofSeconds(Long.parseLong(retryAfter));
        }
        String usage = r.headers().get("Sforce-Limit-Info");
        if (usagePause == null || usage == null) {
            return null;
        }
        String[] used = usage.substring(usage.indexOf('=') + 1).split("/");
        return Long.parseLong(used[0]) >= 0.95 * Long.parseLong(used[1]) ? usagePause : null;
    }

    static Resp json(int status, Object body) {
        return new Resp(status, Map.of(), body);
    }

    static Resp error(int status, String code, String message) {
        return json(status, List.of(Map.of("message", message, "errorCode", code)));
    }

    private static Resp withHeader(Resp r, String name, String value) {
        Map<String, String> h = new LinkedHashMap<>(r.headers());
        h.put(name, value);
        return new Resp(r.code(), h, r.body());
    }

    @Override
    public void close() {
        server.close();
    }
}
