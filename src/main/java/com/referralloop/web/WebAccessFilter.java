package com.referralloop.web;

import com.referralloop.security.ApiProperties;
import com.referralloop.security.ApiTokenFilter;
import com.referralloop.security.LocalRequests;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Guards the dashboard and the playground: on the embedded trial store loopback requests pass (unless a proxy
 * header shows they were forwarded); others, and every request against a production store (MONGODB_URI), need
 * HTTP Basic with REFERRAL_WEB_USER/REFERRAL_WEB_PASSWORD or the API token as bearer: the playground can act as
 * any user, so it fails closed like the API.
 * A refused request gets 401 and a fixed text that says how to sign in, so nothing personal reaches it.
 */
class WebAccessFilter extends OncePerRequestFilter {

    private final WebProperties web;
    private final ApiProperties api;
    private final boolean embeddedStore;

    WebAccessFilter(WebProperties web, ApiProperties api, boolean embeddedStore) {
        this.web = web;
        this.api = api;
        this.embeddedStore = embeddedStore;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (allowed(request, web, api, embeddedStore)) {
            chain.doFilter(request, response);
            return;
        }
        response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
        response.setHeader("WWW-Authenticate", "Basic realm=\"Referral Loop\", charset=\"UTF-8\"");
        response.setContentType("text/plain;charset=UTF-8");
        response.getWriter().write(REFUSAL);
    }

    /** The same words for every refusal: what to set, never what the page holds. */
    static final String REFUSAL = "Sign in with REFERRAL_WEB_USER and REFERRAL_WEB_PASSWORD (or the REFERRAL_API_TOKEN as a"
            + " bearer token). Without them the pages answer only requests made on the bot's own machine, not through a proxy.\n";

    static boolean allowed(HttpServletRequest request, WebProperties web, ApiProperties api, boolean embeddedStore) {
        if (embeddedStore && web.loopbackOpen() && LocalRequests.isLocal(request)) {
            return true;
        }
        if (api.tokenConfigured() && ApiTokenFilter.allowed(request, api)) {
            return true;
        }
        return web.basicConfigured() && basicMatches(request.getHeader("Authorization"), web);
    }

    static boolean basicMatches(String header, WebProperties web) {
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return false;
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return false;
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            return false;
        }
        // both compared in full so the time taken does not tell which part was wrong
        boolean user = MessageDigest.isEqual(decoded.substring(0, colon).getBytes(StandardCharsets.UTF_8),
                web.user().getBytes(StandardCharsets.UTF_8));
        boolean password = MessageDigest.isEqual(decoded.substring(colon + 1).getBytes(StandardCharsets.UTF_8),
                web.password().getBytes(StandardCharsets.UTF_8));
        return user & password;
    }
}
