package com.referralloop.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Guards {@code /api/**}: a bearer token compared in constant time, or, with no token configured and the
 * embedded trial store, requests from this machine only ({@link LocalRequests}: loopback and not forwarded by a
 * proxy). Against a production store ({@code MONGODB_URI}) no token means every request is refused: the API
 * holds customers' consent records and personal data, so it fails closed. A whole security framework would be
 * more than this one rule needs.
 */
public class ApiTokenFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(ApiTokenFilter.class);

    private final ApiProperties props;
    /** No token and the embedded store: the two-minute trial, answered for this machine only. */
    private final boolean trial;

    public ApiTokenFilter(ApiProperties props, boolean embeddedStore) {
        this.props = props;
        this.trial = embeddedStore;
        if (!props.tokenConfigured() && trial) {
            log.warn("REFERRAL_API_TOKEN is not set: /api/** answers requests from this machine only (loopback, "
                    + "no proxy headers); set it before exposing the bot");
        } else if (!props.tokenConfigured()) {
            log.error("REFERRAL_API_TOKEN is not set and MONGODB_URI names a production store: /api/** refuses every "
                    + "request until REFERRAL_API_TOKEN is set");
        }
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (allowed(request, props, trial)) {
            chain.doFilter(request, response);
            return;
        }
        response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
        response.setHeader("WWW-Authenticate", "Bearer");
        response.setContentType("application/json");
        response.getWriter().write(props.tokenConfigured()
                ? "{\"error\":\"send Authorization: Bearer <REFERRAL_API_TOKEN>\"}"
                : trial ? "{\"error\":\"REFERRAL_API_TOKEN is not set: only requests from this machine, not forwarded by a "
                + "proxy, are answered; set REFERRAL_API_TOKEN and send Authorization: Bearer <token>\"}"
                : "{\"error\":\"REFERRAL_API_TOKEN is not set and the bot runs on a production store (MONGODB_URI): "
                + "every API request is refused until REFERRAL_API_TOKEN is set\"}");
    }

    /** {@link #allowed(HttpServletRequest, ApiProperties, boolean)} in trial mode (the web pages' own check). */
    public static boolean allowed(HttpServletRequest request, ApiProperties props) {
        return allowed(request, props, true);
    }

    /**
     * True when the request carries the API token; or, no token being set, the trial is on (embedded store) and the
     * request is local.
     */
    public static boolean allowed(HttpServletRequest request, ApiProperties props, boolean trial) {
        if (!props.tokenConfigured()) {
            return trial && LocalRequests.isLocal(request);
        }
        String header = request.getHeader("Authorization");
        // the scheme name is case-insensitive (RFC 9110 11.1): "bearer x" is as valid as "Bearer x"
        return header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)
                && MessageDigest.isEqual(header.substring(7).trim().getBytes(StandardCharsets.UTF_8),
                props.token().getBytes(StandardCharsets.UTF_8));
    }
}
