package com.referralloop.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Cross-site request forgery guard for the playground's POSTs: a random token kept in the session and echoed
 * by every form, plus an Origin check when the browser sends one. Loopback needs no login, so without this a
 * page on any site could post commands to a developer's local bot.
 */
final class PlaygroundCsrf {

    static final String PARAM = "_csrf";
    private static final String ATTRIBUTE = PlaygroundCsrf.class.getName();
    private static final SecureRandom RANDOM = new SecureRandom();

    private PlaygroundCsrf() {
    }

    static String tokenFor(HttpSession session) {
        Object token = session.getAttribute(ATTRIBUTE);
        if (token == null) {
            byte[] bytes = new byte[32];
            RANDOM.nextBytes(bytes);
            token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            session.setAttribute(ATTRIBUTE, token);
        }
        return (String) token;
    }

    static boolean valid(HttpServletRequest request) {
        if (!sameOrigin(request)) {
            return false;
        }
        HttpSession session = request.getSession(false);
        String given = request.getParameter(PARAM);
        Object expected = session == null ? null : session.getAttribute(ATTRIBUTE);
        return given != null && expected != null
                && MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), ((String) expected).getBytes(StandardCharsets.UTF_8));
    }

    static boolean sameOrigin(HttpServletRequest request) {
        String origin = request.getHeader("Origin");
        if (origin == null || origin.isBlank()) {
            return true;
        }
        try {
            URI o = URI.create(origin.trim());
            String host = request.getHeader("Host");
            return host != null && host.equalsIgnoreCase(o.getRawAuthority());
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
