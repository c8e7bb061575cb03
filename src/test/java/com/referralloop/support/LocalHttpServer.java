package com.referralloop.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Function;

/**
 * A loopback HTTP server for the stubs of outside APIs (the JDK's, not OkHttp's MockWebServer: Slack's client
 * pins OkHttp 4, MockWebServer 5 needs OkHttp 5). A handler that throws answers 500 with the error as JSON.
 */
public final class LocalHttpServer implements AutoCloseable {

    /** One request as it arrived: the raw (still encoded) path and query, and the body as text. */
    public record Request(String method, String path, String rawQuery, String authorization, String body) {

        /** A decoded query parameter, null when absent. */
        public String param(String name) {
            if (rawQuery == null) {
                return null;
            }
            for (String kv : rawQuery.split("&")) {
                int eq = kv.indexOf('=');
                String k = URLDecoder.decode(eq < 0 ? kv : kv.substring(0, eq), StandardCharsets.UTF_8);
                if (k.equals(name)) {
                    return eq < 0 ? "" : URLDecoder.decode(kv.substring(eq + 1), StandardCharsets.UTF_8);
                }
            }
            return null;
        }
    }

    /** One answer: status, headers and a body (none when empty). */
    public record Response(int status, Map<String, String> headers, byte[] body) { }

    private final HttpServer server;
    private final Function<Request, Response> handler;

    public LocalHttpServer(Function<Request, Response> handler) {
        this.handler = handler;
        // as FakeSlackApi: with Nagle's algorithm on, each answer waited for the client's delayed ACK (about 40 ms
        // a call; the CRM sync bench, which runs outside Surefire's setting, measured these stalls, not the bot)
        System.setProperty("sun.net.httpserver.nodelay", "true");
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::serve);
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void serve(HttpExchange ex) throws IOException {
        Response resp;
        try {
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            resp = handler.apply(new Request(ex.getRequestMethod(), ex.getRequestURI().getRawPath(),
                    ex.getRequestURI().getRawQuery(), ex.getRequestHeaders().getFirst("Authorization"), body));
        } catch (RuntimeException e) {
            String text = "{\"status\":\"error\",\"message\":\"" + e.toString().replace("\\", "\\\\").replace("\"", "'") + "\"}";
            resp = new Response(500, Map.of("Content-Type", "application/json"), text.getBytes(StandardCharsets.UTF_8));
        }
        resp.headers().forEach((k, v) -> ex.getResponseHeaders().add(k, v));
        ex.sendResponseHeaders(resp.status(), resp.body().length == 0 ? -1 : resp.body().length);
        if (resp.body().length > 0) {
            ex.getResponseBody().write(resp.body());
        }
        ex.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
