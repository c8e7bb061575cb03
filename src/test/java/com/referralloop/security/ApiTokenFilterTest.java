package com.referralloop.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

/** The /api/** access rule on its own: loopback only without a token, the bearer token with one. */
class ApiTokenFilterTest {

    static final ApiProperties NO_TOKEN = new ApiProperties(null, null, null, null);
    static final ApiProperties TOKEN = new ApiProperties("s3cret-token", null, null, null);

    static MockHttpServletRequest from(String address, String authorization) {
        MockHttpServletRequest r = new MockHttpServletRequest("GET", "/api/followups");
        r.setRemoteAddr(address);
        if (authorization != null) {
            r.addHeader("Authorization", authorization);
        }
        return r;
    }

    static boolean allowed(MockHttpServletRequest r, ApiProperties props, boolean trial) {
        return ApiTokenFilter.caller(r, props, trial) != null;
    }

    @Test
    void withoutATokenOnlyLoopbackIsAllowed() {
        assertThat(allowed(from("127.0.0.1", null), NO_TOKEN, true)).isTrue();
        assertThat(allowed(from("::1", null), NO_TOKEN, true)).isTrue();
        assertThat(allowed(from("0:0:0:0:0:0:0:1", null), NO_TOKEN, true)).isTrue();
        assertThat(allowed(from("203.0.113.9", null), NO_TOKEN, true)).isFalse();
        assertThat(allowed(from("10.0.0.5", "Bearer anything"), NO_TOKEN, true)).isFalse();
        assertThat(allowed(from("not an address", null), NO_TOKEN, true)).isFalse();
        assertThat(allowed(from(null, null), NO_TOKEN, true)).isFalse();
        assertThat(allowed(from("127.0.0.1", null), new ApiProperties("  ", null, null, null), true))
                .as("a blank token counts as unset").isTrue();
    }

    @Test
    void withATokenEveryRequestNeedsItEvenFromLoopback() {
        assertThat(allowed(from("127.0.0.1", null), TOKEN, true)).isFalse();
        assertThat(allowed(from("203.0.113.9", "Bearer wrong"), TOKEN, true)).isFalse();
        assertThat(allowed(from("203.0.113.9", "Bearer s3cret-token-and-more"), TOKEN, true)).isFalse();
        assertThat(allowed(from("203.0.113.9", "Basic s3cret-token"), TOKEN, true)).isFalse();
        assertThat(allowed(from("203.0.113.9", "s3cret-token"), TOKEN, true)).isFalse();
        assertThat(allowed(from("203.0.113.9", "Bearer s3cret-token"), TOKEN, true)).isTrue();
        assertThat(allowed(from("203.0.113.9", "bearer s3cret-token"), TOKEN, true))
                .as("the auth scheme is case-insensitive (RFC 9110)").isTrue();
    }

    @Test
    void aProxyHeaderMakesALoopbackRequestRemoteAndNoHeaderMakesARemoteOneLocal() {
        for (String header : LocalRequests.PROXY_HEADERS) {
            MockHttpServletRequest viaProxy = from("127.0.0.1", null);
            viaProxy.addHeader(header, "203.0.113.9");
            assertThat(allowed(viaProxy, NO_TOKEN, true)).as(header).isFalse();
            MockHttpServletRequest remote = from("203.0.113.9", null);
            remote.addHeader(header, "127.0.0.1");
            assertThat(allowed(remote, NO_TOKEN, true)).as(header + " claiming loopback").isFalse();
            MockHttpServletRequest withToken = from("127.0.0.1", "Bearer s3cret-token");
            withToken.addHeader(header, "203.0.113.9");
            assertThat(allowed(withToken, TOKEN, true)).as("the token works behind a proxy").isTrue();
        }
    }

    @Test
    void onAProductionStoreWithoutATokenEveryRequestIsRefusedEvenFromLoopback() {
        assertThat(allowed(from("127.0.0.1", null), NO_TOKEN, false)).isFalse();
        assertThat(allowed(from("::1", null), NO_TOKEN, false)).isFalse();
        assertThat(allowed(from("203.0.113.9", "Bearer s3cret-token"), TOKEN, false)).isTrue();
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

    static final ApiProperties SCOPED = new ApiProperties("full-token", "read-token", 2, null);

    static org.springframework.mock.web.MockHttpServletResponse call(ApiTokenFilter filter, String method, String path,
                                                                      String authorization) throws Exception {
        MockHttpServletRequest r = new MockHttpServletRequest(method, path);
        r.setRemoteAddr("127.0.0.1");
        if (authorization != null) {
            r.addHeader("Authorization", authorization);
        }
        var response = new org.springframework.mock.web.MockHttpServletResponse();
        filter.doFilter(r, response, new org.springframework.mock.web.MockFilterChain());
        return response;
    }

    @Test
    void theReadTokenReadsFiguresButNeverPersonalDataAndNeverWrites() throws Exception {
        var filter = new ApiTokenFilter(SCOPED, true);
        assertThat(call(filter, "GET", "/api/followups", "Bearer read-token").getStatus()).isEqualTo(200);
        assertThat(call(filter, "GET", "/api/dashboard/summary", "Bearer read-token").getStatus()).isEqualTo(200);
        var export = call(filter, "GET", "/api/contacts/alice@acme.com/export", "Bearer read-token");
        assertThat(export.getStatus()).isEqualTo(403);
        assertThat(export.getContentAsString()).contains("needs REFERRAL_API_TOKEN");
        assertThat(call(filter, "DELETE", "/api/contacts/alice@acme.com", "Bearer read-token").getStatus()).isEqualTo(403);
        assertThat(call(filter, "GET", "/api/referrals.csv", "Bearer read-token").getStatus()).isEqualTo(403);
        assertThat(call(filter, "POST", "/api/accounts/import", "Bearer read-token").getStatus()).isEqualTo(403);
        assertThat(call(filter, "POST", "/api/accounts/import", "Bearer full-token").getStatus()).isEqualTo(200);
        assertThat(call(filter, "GET", "/api/followups", null).getStatus())
                .as("with a token set, loopback is no longer enough").isEqualTo(401);
    }

    @Test
    void personalDataCallsAreLimitedPerCallerAndTheLimitSaysWhenToRetry() throws Exception {
        var clock = java.time.Clock.fixed(java.time.Instant.parse("2026-12-06T10:00:30Z"), java.time.ZoneOffset.UTC);
        var filter = new ApiTokenFilter(SCOPED, true, clock);
        String export = "/api/contacts/alice@acme.com/export";
        assertThat(call(filter, "GET", export, "Bearer full-token").getStatus()).isEqualTo(200);
        assertThat(call(filter, "DELETE", "/api/contacts/bob@acme.com", "Bearer full-token").getStatus()).isEqualTo(200);
        var third = call(filter, "GET", "/api/referrals.csv", "Bearer full-token");
        assertThat(third.getStatus()).isEqualTo(429);
        assertThat(third.getHeader("Retry-After")).isEqualTo("30");
        assertThat(third.getContentAsString()).contains("REFERRAL_API_PERSONAL_DATA_PER_MINUTE");
        // other calls are not personal data and are not counted
        assertThat(call(filter, "GET", "/api/followups", "Bearer full-token").getStatus()).isEqualTo(200);
    }

    @Test
    void aLimitedCallerDoesNotUseUpAnotherCallersLimit() throws Exception {
        var limit = new CallerRateLimit(1, java.time.Clock.fixed(java.time.Instant.parse("2026-12-06T10:00:00Z"),
                java.time.ZoneOffset.UTC));
        assertThat(limit.acquire("token:full")).isZero();
        assertThat(limit.acquire("token:full")).isPositive();
        assertThat(limit.acquire("local")).isZero();
    }

    @Test
    void aConnectionToANonLoopbackAddressOfThisHostIsNotLocal() {
        MockHttpServletRequest r = from("127.0.0.1", null);
        r.setLocalAddr("10.0.0.7");
        assertThat(allowed(r, NO_TOKEN, true)).as("a proxy on another interface that adds no headers").isFalse();
    }
}
