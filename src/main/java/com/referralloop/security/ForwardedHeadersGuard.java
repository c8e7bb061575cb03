package com.referralloop.security;

import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Refuses to start when forwarded headers would be trusted from anyone. With
 * {@code server.forward-headers-strategy} on, Tomcat rewrites the peer address from {@code X-Forwarded-For},
 * so a client could claim 127.0.0.1; that is safe only with an explicit list of trusted proxies
 * ({@code server.tomcat.remoteip.internal-proxies}), never with Tomcat's default of every private address.
 */
@Component
class ForwardedHeadersGuard {

    ForwardedHeadersGuard(Environment env) {
        check(env);
    }

    static void check(Environment env) {
        String strategy = env.getProperty("server.forward-headers-strategy", "none").trim().toLowerCase(java.util.Locale.ROOT);
        if (strategy.equals("none")) {
            return;
        }
        String trusted = env.getProperty("server.tomcat.remoteip.internal-proxies", "").trim();
        if (trusted.isEmpty()) {
            throw new IllegalStateException("server.forward-headers-strategy=" + strategy + " needs an explicit trusted-proxy "
                    + "list in server.tomcat.remoteip.internal-proxies (a regex of your proxies' addresses); without it a "
                    + "client could claim any address with X-Forwarded-For. See docs/operations.md, \"Behind a reverse proxy\".");
        }
    }
}
