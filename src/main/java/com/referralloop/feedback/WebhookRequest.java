package com.referralloop.feedback;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/** A webhook as it arrived: headers (lower-cased names), the exact body bytes, and its content type. */
public record WebhookRequest(Map<String, String> headers, byte[] body, String contentType) {

    public String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    public boolean isJson() {
        return contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith("application/json");
    }

    public boolean isForm() {
        return contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded");
    }
}
