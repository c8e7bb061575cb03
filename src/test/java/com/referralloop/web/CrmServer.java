package com.referralloop.web;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** A CRM stand-in on the JDK's HttpServer: records what arrives and answers with scripted statuses. */
final class CrmServer implements AutoCloseable {

    record Received(Map<String, String> headers, byte[] body) { }

    record Answer(int status, String retryAfter) { }

    final List<Received> received = new CopyOnWriteArrayList<>();
    private final Deque<Answer> script = new ArrayDeque<>();
    private final HttpServer server;

    CrmServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/crm", exchange -> {
            Map<String, String> headers = new HashMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), v.get(0)));
            received.add(new Received(headers, exchange.getRequestBody().readAllBytes()));
            Answer a;
            synchronized (script) {
                a = script.isEmpty() ? new Answer(204, null) : script.poll();
            }
            if (a.retryAfter() != null) {
                exchange.getResponseHeaders().add("Retry-After", a.retryAfter());
            }
            exchange.sendResponseHeaders(a.status(), -1);
            exchange.close();
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/crm";
    }

    void answer(int status, String retryAfter) {
        synchronized (script) {
            script.add(new Answer(status, retryAfter));
        }
    }

    void reset() {
        received.clear();
        synchronized (script) {
            script.clear();
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
