package com.referralloop.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.referralloop.security.ApiProperties;
import jakarta.servlet.FilterChain;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** Who may see the dashboard and the playground. */
class WebAccessFilterTest {

    static final WebProperties WEB = new WebProperties(false, "manager", "s3cret", null, null, null, null, null);
    static final ApiProperties API = new ApiProperties("api-token-123", null, null, null);

    static MockHttpServletRequest request(String remote) {
        MockHttpServletRequest r = new MockHttpServletRequest("GET", "/");
        r.setRemoteAddr(remote);
        return r;
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    MockHttpServletResponse run(MockHttpServletRequest request, WebProperties web, ApiProperties api, AtomicBoolean passed)
            throws Exception {
        return run(request, web, api, passed, true);
    }

    MockHttpServletResponse run(MockHttpServletRequest request, WebProperties web, ApiProperties api, AtomicBoolean passed,
                                boolean embeddedStore) throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();
        FilterChain chain = (req, res) -> {
            passed.set(true);
            res.getWriter().write("personal data");
        };
        new WebAccessFilter(web, api, embeddedStore).doFilter(request, response, chain);
        return response;
    }

    @Test
    void anonymousRemoteRequestGets401SayingHowToSignInAndNothingElse() throws Exception {
        AtomicBoolean passed = new AtomicBoolean();
        MockHttpServletResponse response = run(request("203.0.113.7"), WEB, API, passed);
        assertThat(passed).isFalse();
        assertThat(response.getStatus()).isEqualTo(401);
        assertThat(response.getContentAsString()).isEqualTo(WebAccessFilter.REFUSAL).doesNotContain("personal data");
        assertThat(response.getHeader("WWW-Authenticate")).startsWith("Basic");
    }

    @Test
    void loopbackPassesWithoutLogin() throws Exception {
        AtomicBoolean passed = new AtomicBoolean();
        run(request("127.0.0.1"), WEB, API, passed);
        assertThat(passed).isTrue();
        AtomicBoolean v6 = new AtomicBoolean();
        run(request("::1"), WEB, API, v6);
        assertThat(v6).isTrue();
    }

    @Test
    void loopbackForwardedByAProxyNeedsALogin() throws Exception {
        MockHttpServletRequest r = request("127.0.0.1");
        r.addHeader("X-Forwarded-For", "203.0.113.7");
        AtomicBoolean passed = new AtomicBoolean();
        assertThat(run(r, WEB, API, passed).getStatus()).isEqualTo(401);
        assertThat(passed).isFalse();
    }

    @Test
    void onAProductionStoreLoopbackNeedsALoginToo() throws Exception {
        // MONGODB_URI set: a sidecar that adds no proxy header must not open the playground to the internet
        AtomicBoolean passed = new AtomicBoolean();
        assertThat(run(request("127.0.0.1"), WEB, API, passed, false).getStatus()).isEqualTo(401);
        assertThat(passed).isFalse();
        MockHttpServletRequest login = request("127.0.0.1");
        login.addHeader("Authorization", basic("manager", "s3cret"));
        AtomicBoolean signedIn = new AtomicBoolean();
        run(login, WEB, API, signedIn, false);
        assertThat(signedIn).isTrue();
    }

    @Test
    void loopbackCanBeClosed() throws Exception {
        WebProperties closed = new WebProperties(false, "manager", "s3cret", false, null, null, null, null);
        AtomicBoolean passed = new AtomicBoolean();
        assertThat(run(request("127.0.0.1"), closed, API, passed).getStatus()).isEqualTo(401);
    }

    @Test
    void basicLoginWithTheConfiguredUserPasses() throws Exception {
        MockHttpServletRequest good = request("203.0.113.7");
        good.addHeader("Authorization", basic("manager", "s3cret"));
        AtomicBoolean passed = new AtomicBoolean();
        run(good, WEB, API, passed);
        assertThat(passed).isTrue();

        MockHttpServletRequest bad = request("203.0.113.7");
        bad.addHeader("Authorization", basic("manager", "guess"));
        AtomicBoolean refused = new AtomicBoolean();
        assertThat(run(bad, WEB, API, refused).getStatus()).isEqualTo(401);
        assertThat(refused).isFalse();
    }

    @Test
    void apiTokenAsBearerPasses() throws Exception {
        MockHttpServletRequest r = request("203.0.113.7");
        r.addHeader("Authorization", "Bearer api-token-123");
        AtomicBoolean passed = new AtomicBoolean();
        run(r, WEB, API, passed);
        assertThat(passed).isTrue();

        MockHttpServletRequest wrong = request("203.0.113.7");
        wrong.addHeader("Authorization", "Bearer nope");
        assertThat(run(wrong, WEB, API, new AtomicBoolean()).getStatus()).isEqualTo(401);
    }

    @Test
    void nothingConfiguredMeansRemoteIsAlwaysRefused() throws Exception {
        WebProperties none = new WebProperties(false, null, null, null, null, null, null, null);
        ApiProperties noToken = new ApiProperties(null, null, null, null);
        MockHttpServletRequest r = request("203.0.113.7");
        r.addHeader("Authorization", basic("", ""));
        assertThat(run(r, none, noToken, new AtomicBoolean()).getStatus()).isEqualTo(401);
    }
}
