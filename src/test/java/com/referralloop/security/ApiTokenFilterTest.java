package com.referralloop.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

/** The /api/** access rule on its own: loopback only without a token, the bearer token with one. */
class ApiTokenFilterTest {

    static final ApiProperties NO_TOKEN = new ApiProperties(null, null);
    static final ApiProperties TOKEN = new ApiProperties("s3cret-token", null);

    static MockHttpServletRequest from(String address, String authorization) {
        MockHttpServletRequest r = new MockHttpServletRequest("GET", "/api/followups");
        r.setRemoteAddr(address);
        if (authorization != null) {
            r.addHeader("Authorization", authorization);
        }
        return r;
    }

    @Test
    void withoutATokenOnlyLoopbackIsAllowed() {
        assertThat(ApiTokenFilter.allowed(from("127.0.0.1", null), NO_TOKEN)).isTrue();
        assertThat(ApiTokenFilter.allowed(from("::1", null), NO_TOKEN)).isTrue();
        assertThat(ApiTokenFilter.allowed(from("0:0:0:0:0:0:0:1", null), NO_TOKEN)).isTrue();
        assertThat(ApiTokenFilter.allowed(from("203.0.113.9", null), NO_TOKEN)).isFalse();
        assertThat(ApiTokenFilter.allowed(from("10.0.0.5", "Bearer anything"), NO_TOKEN)).isFalse();
        assertThat(ApiTokenFilter.allowed(from("not an address", null), NO_TOKEN)).isFalse();
        assertThat(ApiTokenFilter.allowed(from(null, null), NO_TOKEN)).isFalse();
        assertThat(ApiTokenFilter.allowed(from("127.0.0.1", null), new ApiProperties("  ", null)))
                .as("a blank token counts as unset").isTrue();
    }

    @Test
    void withATokenEveryRequestNeedsItEvenFromLoopback() {
        assertThat(ApiTokenFilter.allowed(from("127.0.0.1", null), TOKEN)).isFalse();
        assertThat(ApiTokenFilter.allowed(from("203.0.113.9", "Bearer wrong"), TOKEN)).isFalse();
        assertThat(ApiTokenFilter.allowed(from("203.0.113.9", "Bearer s3cret-token-and-more"), TOKEN)).isFalse();
        assertThat(ApiTokenFilter.allowed(from("203.0.113.9", "Basic s3cret-token"), TOKEN)).isFalse();
        assertThat(ApiTokenFilter.allowed(from("203.0.113.9", "s3cret-token"), TOKEN)).isFalse();
        assertThat(ApiTokenFilter.allowed(from("203.0.113.9", "Bearer s3cret-token"), TOKEN)).isTrue();
        assertThat(ApiTokenFilter.allowed(from("203.0.113.9", "bearer s3cret-token"), TOKEN))
                .as("the auth scheme is case-insensitive (RFC 9110)").isTrue();
    }

    @Test
    void aProxyHeaderMakesALoopbackRequestRemoteAndNoHeaderMakesARemoteOneLocal() {
        for (String header : LocalRequests.PROXY_HEADERS) {
            MockHttpServletRequest viaProxy = from("127.0.0.1", null);
            viaProxy.addHeader(header, "203.0.113.9");
            assertThat(ApiTokenFilter.allowed(viaProxy, NO_TOKEN)).as(header).isFalse();
            MockHttpServletRequest remote = from("203.0.113.9", null);
            remote.addHeader(header, "127.0.0.1");
            assertThat(ApiTokenFilter.allowed(remote, NO_TOKEN)).as(header + " claiming loopback").isFalse();
            MockHttpServletRequest withToken = from("127.0.0.1", "Bearer s3cret-token");
            withToken.addHeader(header, "203.0.113.9");
            assertThat(ApiTokenFilter.allowed(withToken, TOKEN)).as("the token works behind a proxy").isTrue();
        }
    }

    @Test
    void onAProductionStoreWithoutATokenEveryRequestIsRefusedEvenFromLoopback() {
        assertThat(ApiTokenFilter.allowed(from("127.0.0.1", null), NO_TOKEN, false)).isFalse();
        assertThat(ApiTokenFilter.allowed(from("::1", null), NO_TOKEN, false)).isFalse();
        assertThat(ApiTokenFilter.allowed(from("203.0.113.9", "Bearer s3cret-token"), TOKEN, false)).isTrue();
    }

    @Test
    void theRefusalOnAProductionStoreSaysWhatToSet() throws Exception {
        var filter = new ApiTokenFilter(NO_TOKEN, false);
        var response = new org.springframework.mock.web.MockHttpServletResponse();
        filter.doFilter(from("127.0.0.1", null), response, new org.springframework.mock.web.MockFilterChain());
        assertThat(response.getStatus()).isEqualTo(401);
        assertThat(response.getContentAsString()).contains("MONGODB_URI").contains("until REFERRAL_API_TOKEN is set");
    }

    @Test
    void theTokenNeverAppearsInToString() {
        assertThat(TOKEN.toString()).doesNotContain("s3cret");
    }
}
