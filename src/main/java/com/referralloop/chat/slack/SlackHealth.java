package com.referralloop.chat.slack;

import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.response.auth.AuthTestResponse;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Deque;
import java.util.concurrent.ConcurrentLinkedDeque;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * The "slack" component of /actuator/health: the last auth.test answer (refreshed at most every few
 * minutes) and the Web API errors of the last minutes. It also counts every API error in
 * {@code referral.chat.api.errors{platform=SLACK,code}}.
 */
final class SlackHealth implements HealthIndicator {

    static final Duration AUTH_REFRESH = Duration.ofMinutes(5);
    static final Duration ERROR_WINDOW = Duration.ofMinutes(5);

    /** One auth.test answer: ok, or the error Slack gave, or why it could not be reached. */
    record AuthCheck(Instant at, boolean ok, String team, String error) { }

    private final MethodsClient client;
    private final MeterRegistry metrics;
    private final Clock clock;
    private final Deque<Instant> recentErrors = new ConcurrentLinkedDeque<>();
    private volatile AuthCheck lastAuth;
    private volatile String lastError;

    SlackHealth(MethodsClient client, MeterRegistry metrics, Clock clock) {
        this.client = client;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** Calls auth.test now and remembers the answer. */
    AuthCheck checkAuth() {
        AuthCheck check;
        try {
            AuthTestResponse r = client.authTest(req -> req);
            check = r.isOk() ? new AuthCheck(clock.instant(), true, r.getTeam(), null)
                    : new AuthCheck(clock.instant(), false, null, r.getError());
        } catch (Exception e) {
            check = new AuthCheck(clock.instant(), false, null, "unreachable: " + e.getClass().getSimpleName());
        }
        lastAuth = check;
        return check;
    }

    /** Records one Web API error (a Slack error code, an HTTP status, or "io"). */
    void apiError(String code) {
        metrics.counter("referral.chat.api.errors", "platform", "SLACK", "code", code == null ? "unknown" : code).increment();
        recentErrors.addLast(clock.instant());
        lastError = code;
        prune();
    }

    @Override
    public Health health() {
        AuthCheck auth = lastAuth;
        if (auth == null || auth.at().isBefore(clock.instant().minus(AUTH_REFRESH))) {
            auth = checkAuth();
        }
        prune();
        Health.Builder b = auth.ok() ? Health.up() : Health.down();
        b.withDetail("authTest", auth.ok() ? "ok" : auth.error())
                .withDetail("authTestAt", auth.at().toString())
                .withDetail("apiErrorsLast5Minutes", recentErrors.size());
        if (auth.team() != null) {
            b.withDetail("team", auth.team());
        }
        if (lastError != null) {
            b.withDetail("lastApiError", lastError);
        }
        return b.build();
    }

    private void prune() {
        Instant cutoff = clock.instant().minus(ERROR_WINDOW);
        Instant head;
        while ((head = recentErrors.peekFirst()) != null && head.isBefore(cutoff)) {
            recentErrors.pollFirst();
        }
    }
}
