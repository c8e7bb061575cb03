package com.referralloop.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Guards {@code /api/**}. A caller is the full token (REFERRAL_API_TOKEN), the read-only token
 * (REFERRAL_API_READ_TOKEN: GET only, never personal data), or, with no token set and the embedded trial
 * store, this machine ({@link LocalRequests}: loopback and not forwarded by a proxy). Against a production
 * store ({@code MONGODB_URI}) no token means every request is refused: the API holds customers' consent
 * records and personal data, so it fails closed. The personal-data endpoints (contact export and erase, CSV
 * exports) are rate-limited per caller. Tokens are compared in constant time; a whole security framework
 * would be more than these rules need.
 */
public class ApiTokenFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(ApiTokenFilter.class);

    private final ApiProperties props;
    /** No token and the embedded store: the two-minute trial, answered for this machine only. */
    private final boolean trial;
    private final CallerRateLimit personalData;

    public ApiTokenFilter(ApiProperties props, boolean embeddedStore) {
        this(props, embeddedStore, Clock.systemUTC());
    }

    ApiTokenFilter(ApiProperties props, boolean embeddedStore, Clock clock) {
        this.props = props;
        this.trial = embeddedStore;
        this.personalData = new CallerRateLimit(props.personalDataPerMinute(), clock);
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
        ApiCaller caller = caller(request, props, trial);
        if (caller == null) {
            refuse(response, HttpServletResponse.SC_UNAUTHORIZED, unauthorised());
            return;
        }
        boolean personal = PersonalData.is(request);
        if (caller.how().equals("read token") && (personal || !isRead(request))) {
            refuse(response, HttpServletResponse.SC_FORBIDDEN, "the read-only token (REFERRAL_API_READ_TOKEN) may read "
                    + "figures and lists only; this endpoint needs REFERRAL_API_TOKEN");
            return;
        }
        if (personal) {
            Duration wait = personalData.acquire(caller.key());
            if (!wait.isZero()) {
                response.setHeader("Retry-After", Long.toString(Math.max(1, (wait.toMillis() + 999) / 1000)));
                refuse(response, 429, "more than " + props.personalDataPerMinute() + " personal-data calls a minute "
                        + "from this caller (REFERRAL_API_PERSONAL_DATA_PER_MINUTE); retry after the Retry-After seconds");
                return;
            }
        }
        request.setAttribute(ApiCaller.ATTRIBUTE, caller);
        chain.doFilter(request, response);
    }

    private String unauthorised() {
        return props.tokenConfigured() ? "send Authorization: Bearer <REFERRAL_API_TOKEN>"
                : trial ? "REFERRAL_API_TOKEN is not set: only requests from this machine, not forwarded by a proxy, "
                + "are answered; set REFERRAL_API_TOKEN and send Authorization: Bearer <token>"
                : "REFERRAL_API_TOKEN is not set and the bot runs on a production store (MONGODB_URI): every API "
                + "request is refused until REFERRAL_API_TOKEN is set";
    }

    private static void refuse(HttpServletResponse response, int status, String error) throws IOException {
        response.setStatus(status);
        if (status == HttpServletResponse.SC_UNAUTHORIZED) {
            response.setHeader("WWW-Authenticate", "Bearer");
        }
        response.setContentType("application/json");
        response.getWriter().write("{\"error\":\"" + error + "\"}");
    }

    private static boolean isRead(HttpServletRequest request) {
        return "GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod());
    }

    /** True when the request carries the full API token: the web pages accept it in place of their login. */
    public static boolean allowed(HttpServletRequest request, ApiProperties props) {
        return props.token() != null && matches(bearer(request), props.token());
    }

    /** The caller, or null when the request may not call the API at all. */
    static ApiCaller caller(HttpServletRequest request, ApiProperties props, boolean trial) {
        String given = bearer(request);
        String address = request.getRemoteAddr();
        if (given != null && matches(given, props.token())) {
            return new ApiCaller("full token", "token:full", address);
        }
        if (given != null && matches(given, props.readToken())) {
            return new ApiCaller("read token", "token:read", address);
        }
        if (!props.tokenConfigured() && trial && LocalRequests.isLocal(request)) {
            return new ApiCaller("local trial", "local", address);
        }
        return null;
    }

    private static String bearer(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        // the scheme name is case-insensitive (RFC 9110 11.1): "bearer x" is as valid as "Bearer x"
        return header != null && header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7).trim() : null;
    }

    private static boolean matches(String given, String token) {
        return given != null && token != null && MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8),
                token.getBytes(StandardCharsets.UTF_8));
    }
}
