package com.referralloop.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.referralloop.support.Http;
import com.referralloop.support.IntegrationTest;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Trial mode (no token, embedded store) behind a reverse proxy on the same host: every request arrives from
 * 127.0.0.1 but carries a proxy header, and must be refused by the API and the web pages alike.
 */
@IntegrationTest
class ProxyHeadersTest {

    @LocalServerPort
    int port;

    @Test
    void aLoopbackRequestWithAnyProxyHeaderIsRefusedAndWithoutOneIsAnswered() {
        Http http = new Http(port);
        for (String path : new String[] {"/api/followups", "/", "/playground"}) {
            assertThat(http.get(path).statusCode()).as(path + " from this machine").isEqualTo(200);
            for (String header : LocalRequests.PROXY_HEADERS) {
                var r = http.get(path, Map.of(header, "for=203.0.113.9"));
                assertThat(r.statusCode()).as(path + " with " + header).isEqualTo(401);
                assertThat(r.body()).as(path + " with " + header).doesNotContain("@");
            }
        }
    }
}
