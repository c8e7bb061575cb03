package com.referralloop.security;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Who is calling the API, as the token filter decided: by the token's scope (never its value), or the local
 * trial. The rate-limit key is the scope for token callers, so a caller behind a proxy is limited as itself
 * and never by the proxy's address, and "local" for the trial (which is this machine only).
 *
 * @param how     "full token", "read token" or "local trial"
 * @param key     the rate-limit key
 * @param address the peer address of the connection (the proxy's, behind one)
 */
public record ApiCaller(String how, String key, String address) {

    static final String ATTRIBUTE = ApiCaller.class.getName();

    /** The caller the token filter stored on the request; "unknown" on paths the filter does not guard. */
    public static ApiCaller of(HttpServletRequest request) {
        Object c = request.getAttribute(ATTRIBUTE);
        return c instanceof ApiCaller caller ? caller : new ApiCaller("unknown", "unknown:" + request.getRemoteAddr(),
                request.getRemoteAddr());
    }

    /** For audit entries: how, from where, and the client a proxy reported (a claim, so shown as such). */
    public String describe(HttpServletRequest request) {
        String forwardedFor = request.getHeader("X-Forwarded-For");
        return "api:" + how + " from " + address + (forwardedFor == null ? ""
                : " (proxy says for " + forwardedFor.split(",")[0].trim() + ")");
    }
}
