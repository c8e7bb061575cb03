package com.referralloop.chat.discord;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import net.dv8tion.jda.api.utils.data.DataObject;

/**
 * A local stand-in for Discord's REST API (JDK HttpServer): opens DM channels, creates and edits
 * messages, records every request, and answers scripted errors (e.g. a 429 with retry_after) first.
 */
final class FakeDiscordApi implements AutoCloseable {

    record Request(String method, String path, String authorization, String body) {
        DataObject json() {
            return DataObject.fromJson(body);
        }
    }

    record Scripted(int status, String body, String pathContains) { }

    private final HttpServer server;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Deque<Scripted> scripted = new ArrayDeque<>();
    private final AtomicLong ids = new AtomicLong(9000);

    FakeDiscordApi() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/api/v10/", this::handle);
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/api/v10/";
    }

    /** The next request whose path contains {@code pathContains} gets this answer instead. */
    synchronized void script(int status, String body, String pathContains) {
        scripted.add(new Scripted(status, body, pathContains));
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    List<Request> requests(String method, String pathContains) {
        return requests.stream().filter(r -> r.method().equals(method) && r.path().contains(pathContains)).toList();
    }

    synchronized void reset() {
        requests.clear();
        scripted.clear();
    }

    private void handle(HttpExchange ex) throws IOException {
        String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String path = ex.getRequestURI().getPath().substring("/api/v10/".length());
        String method = ex.getRequestMethod();
        requests.add(new Request(method, path, ex.getRequestHeaders().getFirst("Authorization"), body));
        Scripted s = takeScripted(path);
        if (s != null) {
            respond(ex, s.status(), s.body());
            return;
        }
        if (method.equals("GET") && path.equals("users/@me")) {
            // what JDA's login asks first: the bot's own user
            respond(ex, 200, "{\"id\":\"777\",\"username\":\"referral-loop\",\"discriminator\":\"0\",\"bot\":true,\"avatar\":null,\"flags\":0}");
        } else if (method.equals("DELETE") && path.startsWith("webhooks/")) {
            ex.sendResponseHeaders(204, -1);
            ex.close();
        } else if (method.equals("POST") && path.equals("users/@me/channels")) {
            String recipient = DataObject.fromJson(body).getString("recipient_id");
            respond(ex, 200, DataObject.empty().put("id", "dm-" + recipient).put("type", 1).toString());
        } else if (method.equals("POST") && path.matches("channels/[^/]+/messages")) {
            String channel = path.split("/")[1];
            respond(ex, 200, DataObject.empty().put("id", Long.toString(ids.incrementAndGet())).put("channel_id", channel).toString());
        } else if (method.equals("PATCH") && path.matches("channels/[^/]+/messages/[^/]+")) {
            String[] p = path.split("/");
            respond(ex, 200, DataObject.empty().put("id", p[3]).put("channel_id", p[1]).toString());
        } else {
            respond(ex, 404, "{\"message\":\"404: Not Found\",\"code\":0}");
        }
    }

    private synchronized Scripted takeScripted(String path) {
        for (Scripted s : scripted) {
            if (path.contains(s.pathContains())) {
                scripted.remove(s);
                return s;
            }
        }
        return null;
    }

    private static void respond(HttpExchange ex, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
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
