package com.referralloop.reply;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the text fields of an inbound-parse webhook from its raw body: {@code application/x-www-form-urlencoded}
 * or {@code multipart/form-data} (file parts are skipped). Parsed by hand because the raw bytes must reach
 * signature verification untouched, which a servlet's own form parsing would consume.
 */
final class InboundForm {

    private static final Pattern BOUNDARY = Pattern.compile("boundary=\"?([^\";]+)\"?", Pattern.CASE_INSENSITIVE);
    private static final Pattern NAME = Pattern.compile("name=\"([^\"]*)\"", Pattern.CASE_INSENSITIVE);

    private InboundForm() {
    }

    /** The fields, or null when the content type is neither form encoding. */
    static Map<String, String> parse(String contentType, byte[] body) {
        String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
        if (type.startsWith("application/x-www-form-urlencoded")) {
            return urlEncoded(new String(body, StandardCharsets.UTF_8));
        }
        if (type.startsWith("multipart/form-data")) {
            Matcher m = BOUNDARY.matcher(contentType);
            if (!m.find()) {
                throw new IllegalArgumentException("multipart body without a boundary");
            }
            return multipart(body, m.group(1));
        }
        return null;
    }

    static Map<String, String> urlEncoded(String body) {
        Map<String, String> fields = new HashMap<>();
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            fields.putIfAbsent(k.toLowerCase(Locale.ROOT), v);
        }
        return fields;
    }

    static Map<String, String> multipart(byte[] body, String boundary) {
        // ISO-8859-1 maps bytes 1:1, so part bodies can be turned back into their exact bytes
        String all = new String(body, StandardCharsets.ISO_8859_1);
        String delimiter = "--" + boundary;
        Map<String, String> fields = new HashMap<>();
        for (String part : all.split(Pattern.quote(delimiter))) {
            if (part.startsWith("--") || part.isBlank()) {
                continue;
            }
            String p = part.startsWith("\r\n") ? part.substring(2) : part.startsWith("\n") ? part.substring(1) : part;
            int headerEnd = p.indexOf("\r\n\r\n");
            int sep = 4;
            if (headerEnd < 0) {
                headerEnd = p.indexOf("\n\n");
                sep = 2;
            }
            if (headerEnd < 0) {
                continue;
            }
            String headers = p.substring(0, headerEnd);
            if (headers.toLowerCase(Locale.ROOT).contains("filename=")) {
                continue;
            }
            Matcher name = NAME.matcher(headers);
            if (!name.find()) {
                continue;
            }
            String value = p.substring(headerEnd + sep);
            if (value.endsWith("\r\n")) {
                value = value.substring(0, value.length() - 2);
            } else if (value.endsWith("\n")) {
                value = value.substring(0, value.length() - 1);
            }
            fields.putIfAbsent(name.group(1).toLowerCase(Locale.ROOT),
                    new String(value.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8));
        }
        return fields;
    }
}
