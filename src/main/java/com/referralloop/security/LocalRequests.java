package com.referralloop.security;

import jakarta.servlet.http.HttpServletRequest;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * The one rule for "this request comes from this machine", shared by the API and the web pages: the peer
 * address is loopback and no proxy header is present. Behind nginx, Caddy or an Envoy sidecar every request
 * from the internet arrives from 127.0.0.1, but carries one of these headers; no header can make a remote
 * request local (forward-headers-strategy stays off, so the peer address is the socket's).
 */
public final class LocalRequests {

    /** Headers a reverse proxy or mesh sidecar adds; any one of them means "forwarded". */
    public static final List<String> PROXY_HEADERS = List.of("Forwarded", "X-Forwarded-For", "X-Real-IP",
            "X-Forwarded-Host", "X-Forwarded-Proto", "Via");

    private LocalRequests() {
    }

    /**
     * Loopback at both ends of the connection, and not forwarded. The local end matters on a host bound to
     * every interface: a connection that reached it through a non-loopback address came over the network.
     */
    public static boolean isLocal(HttpServletRequest request) {
        return isLoopback(request.getRemoteAddr()) && isLoopback(request.getLocalAddr()) && !forwarded(request);
    }

    public static boolean forwarded(HttpServletRequest request) {
        return PROXY_HEADERS.stream().anyMatch(h -> request.getHeader(h) != null);
    }

    static boolean isLoopback(String address) {
        try {
            // a literal address only: getByName on a name would ask DNS
            return address != null && !address.isBlank() && (Character.digit(address.charAt(0), 16) >= 0 || address.contains(":"))
                    && InetAddress.getByName(address).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
