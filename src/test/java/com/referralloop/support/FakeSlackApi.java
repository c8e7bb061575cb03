package com.referralloop.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A fake Slack Web API on a local port: records every call, answers the methods the bot uses
 * (auth.test, users.info, users.lookupByEmail, conversations.open, chat.postMessage, chat.update,
 * views.open, views.publish, apps.connections.open) and response_url posts, and can be told to answer 429 with
 * Retry-After, 5xx, or a Slack error such as {@code channel_not_found}.
 */
public final class FakeSlackApi implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static FakeSlackApi shared;

    /** One recorded request: the method (or {@code respond:<name>} for response_url posts) and its parameters. */
    public record Call(String method, Map<String, String> params, String body, Instant at) {
        public String param(String name) {
            return params.get(name);
        }
    }

    /** A scripted answer. */
    public record Reply(int status, Map<String, String> headers, String body) {
        public static Reply rateLimited(int retryAfterSeconds) {
            return new Reply(429, Map.of("Retry-After", Integer.toString(retryAfterSeconds)), "{\"ok\":false,\"error\":\"ratelimited\"}");
        }

        public static Reply serverError(int status) {
            return new Reply(status, Map.of(), "upstream trouble");
        }

        public static Reply error(String error) {
            return new Reply(200, Map.of(), "{\"ok\":false,\"error\":\"" + error + "\"}");
        }
    }

    private final HttpServer server;
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final Map<String, Deque<Reply>> scripted = new ConcurrentHashMap<>();
    private final Map<String, String> destinationErrors = new ConcurrentHashMap<>();
    private final Map<String, String> userIdsByEmail = new ConcurrentHashMap<>();
    private final Map<String, String> userExtras = new ConcurrentHashMap<>();
    private final Map<String, String> emailsByUserId = new ConcurrentHashMap<>();
    private final Map<String, List<String>> groupMembers = new ConcurrentHashMap<>();
    private final AtomicLong ts = new AtomicLong();
    private volatile String socketModeUrl;

    private FakeSlackApi() throws IOException {
        // the JDK server leaves Nagle's algorithm on: with the client's delayed ACKs every answer stalled about
        // 40 ms, so the fake, not the bot, capped delivery at some 25 messages a second per outbox lane
        System.setProperty("sun.net.httpserver.nodelay", "true");
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/", this::api);
        server.createContext("/respond/", this::respond);
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.start();
    }

    /** The one fake of this JVM, so test classes share one Spring context. */
    public static synchronized FakeSlackApi shared() {
        if (shared == null) {
            try {
                shared = new FakeSlackApi();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        return shared;
    }

    public String apiUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/api/";
    }

    public String responseUrl(String name) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/respond/" + name;
    }

    /** Forgets calls, scripts and errors; known users stay unless {@link #forgetUsers()}. */
    public void reset() {
        calls.clear();
        scripted.clear();
        destinationErrors.clear();
    }

    public void forgetUsers() {
        userIdsByEmail.clear();
        emailsByUserId.clear();
        userExtras.clear();
    }

    /**
     * A user Slack describes with extra users.info fields, e.g. {@code "is_restricted":true} for a guest,
     * {@code "is_stranger":true} for a Slack Connect user, {@code "team_id":"T0OTHER"} for another workspace.
     */
    public void userWith(String id, String email, String extraJsonFields) {
        if (email != null) {
            user(id, email);
        }
        userExtras.put(id, extraJsonFields);
    }

    public void user(String id, String email) {
        userIdsByEmail.put(email.toLowerCase(), id);
        emailsByUserId.put(id, email);
    }

    /** Where apps.connections.open sends Socket Mode clients. */
    /** Members of a Slack user group, as usergroups.users.list answers them. */
    public void userGroup(String groupId, String... userIds) {
        groupMembers.put(groupId, List.of(userIds));
    }

    public void socketModeUrl(String url) {
        socketModeUrl = url;
    }

    /** Posts to this channel (or DMs to this user) fail with {@code error}. */
    public void failDestination(String channelOrUser, String error) {
        destinationErrors.put(channelOrUser, error);
    }

    /** The next call of {@code method} gets {@code reply}; later calls are answered normally. */
    public void next(String method, Reply reply) {
        scripted.computeIfAbsent(method, k -> new ArrayDeque<>()).add(reply);
    }

    public List<Call> calls(String method) {
        return calls.stream().filter(c -> c.method().equals(method)).toList();
    }

    public List<Call> calls() {
        return List.copyOf(calls);
    }

    private void api(HttpExchange ex) throws IOException {
        String method = ex.getRequestURI().getPath().substring("/api/".length());
        String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Map<String, String> params = params(ex.getRequestHeaders().getFirst("Content-Type"), body);
        if (ex.getRequestURI().getRawQuery() != null) {
            params.putAll(form(ex.getRequestURI().getRawQuery()));
        }
        calls.add(new Call(method, params, body, Instant.now()));
        Deque<Reply> script = scripted.get(method);
        Reply scriptedReply = script == null ? null : script.poll();
        if (scriptedReply != null) {
            send(ex, scriptedReply.status(), scriptedReply.headers(), scriptedReply.body());
            return;
        }
        send(ex, 200, Map.of(), answer(method, params));
    }

    private String answer(String method, Map<String, String> p) {
        switch (method) {
            case "auth.test":
                return "{\"ok\":true,\"url\":\"https://fake.slack.com/\",\"team\":\"Fake\",\"user\":\"referral\","
                        + "\"team_id\":\"T0001\",\"user_id\":\"UBOT\",\"bot_id\":\"BBOT\"}";
            case "users.info": {
                String id = p.get("user");
                String email = emailsByUserId.get(id);
                String extra = userExtras.getOrDefault(id, "");
                // every user is a member of the fake's own team T0001 unless told otherwise
                String team = extra.contains("\"team_id\"") ? "" : ",\"team_id\":\"T0001\"";
                return "{\"ok\":true,\"user\":{\"id\":\"" + id + "\",\"name\":\"" + id.toLowerCase()
                        + "\"" + team + (extra.isEmpty() ? "" : "," + extra) + ",\"profile\":{"
                        + (email == null ? "" : "\"email\":\"" + email + "\"") + "}}}";
            }
            case "users.lookupByEmail": {
                String id = userIdsByEmail.get(String.valueOf(p.get("email")).toLowerCase());
                return id == null ? "{\"ok\":false,\"error\":\"users_not_found\"}"
                        : "{\"ok\":true,\"user\":{\"id\":\"" + id + "\",\"name\":\"" + id.toLowerCase() + "\"}}";
            }
            case "conversations.open": {
                String user = p.get("users");
                String error = destinationErrors.get(user);
                return error != null ? "{\"ok\":false,\"error\":\"" + error + "\"}"
                        : "{\"ok\":true,\"channel\":{\"id\":\"D" + user + "\"}}";
            }
            case "chat.postMessage": {
                String channel = p.get("channel");
                String error = destinationErrors.get(channel);
                if (error != null) {
                    return "{\"ok\":false,\"error\":\"" + error + "\"}";
                }
                return "{\"ok\":true,\"channel\":\"" + channel + "\",\"ts\":\"1700000000." + String.format("%06d", ts.incrementAndGet()) + "\"}";
            }
            case "chat.update": {
                String error = destinationErrors.get(p.get("channel"));
                return error != null ? "{\"ok\":false,\"error\":\"" + error + "\"}"
                        : "{\"ok\":true,\"channel\":\"" + p.get("channel") + "\",\"ts\":\"" + p.get("ts") + "\"}";
            }
            case "usergroups.users.list": {
                List<String> members = groupMembers.get(p.get("usergroup"));
                return members == null ? "{\"ok\":false,\"error\":\"no_such_subteam\"}"
                        : "{\"ok\":true,\"users\":[" + String.join(",", members.stream().map(m -> "\"" + m + "\"").toList()) + "]}";
            }
            case "apps.connections.open":
                return socketModeUrl == null ? "{\"ok\":false,\"error\":\"not_allowed_token_type\"}"
                        : "{\"ok\":true,\"url\":\"" + socketModeUrl + "\"}";
            case "views.open":
            case "views.publish":
                return "{\"ok\":true,\"view\":{\"id\":\"V" + ts.incrementAndGet() + "\"}}";
            default:
                return "{\"ok\":true}";
        }
    }

    private void respond(HttpExchange ex) throws IOException {
        String name = ex.getRequestURI().getPath().substring("/respond/".length());
        String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        calls.add(new Call("respond:" + name, params("application/json", body), body, Instant.now()));
        send(ex, 200, Map.of(), "ok");
    }

    private static Map<String, String> params(String contentType, String body) {
        if (contentType != null && contentType.contains("json")) {
            Map<String, String> out = new LinkedHashMap<>();
            try {
                JsonNode n = JSON.readTree(body);
                n.properties().forEach(e -> out.put(e.getKey(), e.getValue().isString() ? e.getValue().asString() : e.getValue().toString()));
            } catch (RuntimeException ignored) {
                // not JSON after all: keep the raw body only
            }
            return out;
        }
        return form(body);
    }

    private static Map<String, String> form(String body) {
        Map<String, String> out = new LinkedHashMap<>();
        if (body == null || body.isEmpty()) {
            return out;
        }
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            out.put(k, v);
        }
        return out;
    }

    private static void send(HttpExchange ex, int status, Map<String, String> headers, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        headers.forEach((k, v) -> ex.getResponseHeaders().add(k, v));
        ex.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
