package com.referralloop.security;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

class ForwardedHeadersGuardTest {

    @Test
    void forwardedHeadersAreTrustedOnlyWithAnExplicitProxyList() {
        assertThatCode(() -> ForwardedHeadersGuard.check(new MockEnvironment())).doesNotThrowAnyException();
        assertThatThrownBy(() -> ForwardedHeadersGuard.check(new MockEnvironment()
                .withProperty("server.forward-headers-strategy", "native")))
                .hasMessageContaining("server.tomcat.remoteip.internal-proxies");
        assertThatCode(() -> ForwardedHeadersGuard.check(new MockEnvironment()
                .withProperty("server.forward-headers-strategy", "native")
                .withProperty("server.tomcat.remoteip.internal-proxies", "10\\.1\\.2\\.3"))).doesNotThrowAnyException();
    }
}
