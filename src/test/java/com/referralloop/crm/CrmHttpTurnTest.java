package com.referralloop.crm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.referralloop.support.LocalHttpServer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import tools.jackson.databind.json.JsonMapper;

/**
 * CRM calls go one at a time over real HTTP: a call that waited for its turn sees the 429 the call before it
 * brought back and is not sent, and one that waits past {@link CrmHttp#MAX_WAIT_FOR_TURN} is refused as busy.
 */
class CrmHttpTurnTest {

    final AtomicInteger arrived = new AtomicInteger();
    final CountDownLatch release = new CountDownLatch(1);
    /** Answers /slow once released (429 Retry-After 1 when asked), anything else at once with 200. */
    final LocalHttpServer crm = new LocalHttpServer(r -> {
        arrived.incrementAndGet();
        if (r.path().startsWith("/slow")) {
            await(release);
            if (r.path().equals("/slow/429")) {
                return new LocalHttpServer.Response(429, Map.of("Retry-After", "1"), "{}".getBytes(StandardCharsets.UTF_8));
            }
        }
        return new LocalHttpServer.Response(200, Map.of("Content-Type", "application/json"),
                "{}".getBytes(StandardCharsets.UTF_8));
    });
    final CrmHttp http = new CrmHttp(crm.url(), Duration.ofSeconds(10), JsonMapper.builder().build(), Clock.systemUTC());

    @AfterEach
    void stop() {
        release.countDown();
        crm.close();
    }

    @Test
    void aCallThatWaitedForItsTurnSeesTheRateLimitTheCallBeforeBroughtAndIsNotSent() throws Exception {
        // GIVEN one call on its way, which the CRM will answer 429 Retry-After 1
        CompletableFuture<Void> first = CompletableFuture.runAsync(() -> assertThatThrownBy(() -> call("/slow/429"))
                .isInstanceOf(CrmException.class));
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> arrived.get() == 1);

        // WHEN a second call starts meanwhile, and then the CRM answers the first
        CompletableFuture<CrmException> second = CompletableFuture.supplyAsync(() -> refusal("/fast"));
        Thread.sleep(200);
        release.countDown();

        // THEN the second is refused as rate limited without reaching the CRM
        assertThat(second.get(5, TimeUnit.SECONDS)).satisfies(e -> {
            assertThat(e.kind()).isEqualTo(CrmException.Kind.RATE_LIMITED);
            assertThat(e.getMessage()).contains("Retry-After is not over");
        });
        first.get(5, TimeUnit.SECONDS);
        assertThat(arrived.get()).isEqualTo(1);
    }

    @Test
    void aCallThatWaitsTooLongForItsTurnIsRefusedAsBusyAndTheNextOneGoesOut() throws Exception {
        CompletableFuture<Void> first = CompletableFuture.runAsync(() -> call("/slow"));
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> arrived.get() == 1);

        long started = System.nanoTime();
        CrmException busy = refusal("/fast");

        assertThat(busy.kind()).isEqualTo(CrmException.Kind.RATE_LIMITED);
        assertThat(busy.getMessage()).contains("another call to the CRM is still on its way");
        assertThat(busy.retryAfter()).isEqualTo(CrmHttp.BUSY_RETRY);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(CrmHttp.MAX_WAIT_FOR_TURN);
        release.countDown();
        first.get(5, TimeUnit.SECONDS);
        call("/fast");
        // the refused call never went out: the CRM saw the slow one and the last
        assertThat(arrived.get()).isEqualTo(2);
    }

    private void call(String path) {
        http.call(HttpMethod.GET, path, null, () -> "token", "test call");
    }

    private CrmException refusal(String path) {
        try {
            call(path);
        } catch (CrmException e) {
            return e;
        }
        throw new AssertionError("the call to " + path + " went out");
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
