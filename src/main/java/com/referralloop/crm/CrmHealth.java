package com.referralloop.crm;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * The {@code crm} health component: DOWN while the CRM refuses the token, UP once a call works again. Only
 * this component goes down: chat, webhooks and readiness do not depend on the CRM.
 */
public class CrmHealth implements HealthIndicator {

    private static final Logger log = LoggerFactory.getLogger(CrmHealth.class);

    private record State(boolean refused, String reason, Instant since) { }

    private final String crm;
    private final Clock clock;
    private final AtomicReference<State> state;

    public CrmHealth(String crm, Clock clock) {
        this.crm = crm;
        this.clock = clock;
        this.state = new AtomicReference<>(new State(false, null, clock.instant()));
    }

    /** A call was answered: the token works. */
    public void reachable() {
        State was = state.getAndUpdate(s -> s.refused() ? new State(false, null, clock.instant()) : s);
        if (was.refused()) {
            log.info("CRM ({}) accepts the token again", crm);
        }
    }

    /** The CRM refused the token; {@code reason} must not contain the token. */
    public void refused(String reason) {
        State was = state.getAndSet(new State(true, reason, clock.instant()));
        if (!was.refused()) {
            log.error("CRM ({}) refused the access token ({}): writes wait in the outbox until it works again; "
                    + "check or renew the token", crm, reason);
        }
    }

    public boolean tokenRefused() {
        return state.get().refused();
    }

    @Override
    public Health health() {
        State s = state.get();
        Health.Builder b = s.refused() ? Health.down().withDetail("error", s.reason()) : Health.up();
        return b.withDetail("crm", crm).withDetail("since", s.since().toString()).build();
    }
}
