package com.referralloop.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Guards {@code /api/**}: a bearer token compared in constant time, or, with no token configured,
 * requests from loopback only. A whole security framework would be more than this one rule needs.
 */
public class ApiTokenFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(ApiTokenFilter.class);

    private final ApiProperties props;

    public ApiTokenFilter(ApiProperties props) {
        this.props = props;
        if (!props.tokenConfigured()) {
            log.warn("REFERRAL_API_TOKEN is not set: /api/** answers loopback requests only");
        }
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (allowed(request, props)) {
            chain.doFilter(request, response);
            return;
        }
        response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
        response.setHeader("WWW-Authenticate", "Bearer");
        response.setContentType("application/json");
        response.getWriter().write(props.tokenConfigured()
                ? "{\"error\":\"send Authorization: Bearer <REFERRAL_API_TOKEN>\"}"
                : "{\"error\":\"REFERRAL_API_TOKEN is not set: only loopback requests are answered\"}");
    }

    /** True when the request carries the API token, or no token is set and it comes from loopback. */
    public static boolean allowed(HttpServletRequest request, ApiProperties props) {
        if (!props.tokenConfigured()) {
            return isLoopback(request.getRemoteAddr());
        }
        String header = request.getHeader("Authorization");
        // the scheme name is case-insensitive (RFC 9110 11.1): "bearer x" is as valid as "Bearer x"
        return header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)
                && MessageDigest.isEqual(header.substring(7).trim().getBytes(StandardCharsets.UTF_8),
                props.token().getBytes(StandardCharsets.UTF_8));
    }

    static boolean isLoopback(String address) {
        try {
            return address != null && InetAddress.getByName(address).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
