package com.referralloop.feedback.provider;

import com.referralloop.feedback.WebhookRejectedException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads an {@code application/x-www-form-urlencoded} body with Rails-style nested names
 * ({@code response[score]=9}) into the same tree a JSON body gives, so one mapping serves both.
 * Values stay strings; names are only ever used as map keys.
 */
final class FormFields {

    private static final int MAX_DEPTH = 8;

    private FormFields() {
    }

    static JsonNode parse(ObjectMapper json, byte[] body) {
        ObjectNode root = json.createObjectNode();
        String text = new String(body, StandardCharsets.UTF_8);
        for (String pair : text.split("&")) {
            if (pair.isBlank()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            put(root, path(name), value);
        }
        return root;
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s.trim(), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw WebhookRejectedException.badRequest("form body is not valid URL encoding");
        }
    }

    private static List<String> path(String name) {
        List<String> path = new ArrayList<>();
        int open = name.indexOf('[');
        if (open < 0) {
            path.add(name);
            return path;
        }
        path.add(name.substring(0, open));
        int i = open;
        while (i < name.length() && name.charAt(i) == '[') {
            int close = name.indexOf(']', i);
            if (close < 0) {
                break;
            }
            path.add(name.substring(i + 1, close));
            i = close + 1;
        }
        if (path.size() > MAX_DEPTH) {
            throw WebhookRejectedException.badRequest("form field '" + name + "' is nested too deeply");
        }
        return path;
    }

    private static void put(ObjectNode root, List<String> path, String value) {
        ObjectNode node = root;
        for (int i = 0; i < path.size() - 1; i++) {
            JsonNode child = node.get(path.get(i));
            if (child == null || !child.isObject()) {
                child = node.putObject(path.get(i));
            }
            node = (ObjectNode) child;
        }
        node.put(path.get(path.size() - 1), value);
    }
}
