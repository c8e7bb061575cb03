package com.referralloop.crm.salesforce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.referralloop.crm.CrmException;
import com.referralloop.support.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The API usage guard: Sforce-Limit-Info past the share stops calls, one probe after the pause, limit errors wait. */
class SalesforceApiUsageTest {

    final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T10:00:00Z"));
    final SalesforceApiUsage usage = new SalesforceApiUsage(0.95, Duration.ofMinutes(15), clock);

    @Test
    void usageAtTheShareStopsCallsUntilAProbeSeesItDrop() {
        usage.seen("api-usage=9400/10000");
        assertThatCode(() -> usage.check("read")).doesNotThrowAnyException();

        // WHEN an answer says 95% of the daily limit is used
        usage.seen("api-usage=9500/10000");

        // THEN calls are throttled for the pause, and the message says why
        assertThatThrownBy(() -> usage.check("Salesforce contact update")).isInstanceOfSatisfying(CrmException.class, e -> {
            assertThat(e.kind()).isEqualTo(CrmException.Kind.RATE_LIMITED);
            assertThat(e.retryAfter()).isEqualTo(Duration.ofMinutes(15));
            assertThat(e.getMessage()).contains("api-usage=9500/10000").contains("95%");
        });
        // AND past the pause exactly one call goes through to look, the next waits for that one's answer
        clock.advance(Duration.ofMinutes(15));
        assertThatCode(() -> usage.check("probe")).doesNotThrowAnyException();
        assertThatThrownBy(() -> usage.check("second")).isInstanceOf(CrmException.class);
        // WHEN the probe's answer is under the share again THEN calls go on
        usage.seen("api-usage=9000/10000");
        assertThatCode(() -> usage.check("after")).doesNotThrowAnyException();
        assertThatCode(() -> usage.check("after")).doesNotThrowAnyException();
    }

    @Test
    void theConnectedAppsOwnShareCountsToo() {
        usage.seen("api-usage=100/15000; per-app-api-usage=240/250(appName=referral-loop)");
        assertThatThrownBy(() -> usage.check("read")).isInstanceOf(CrmException.class);
    }

    @Test
    void anAnswerWithoutTheHeaderChangesNothing() {
        usage.seen("api-usage=9999/10000");
        usage.seen(null);
        assertThatThrownBy(() -> usage.check("read")).isInstanceOf(CrmException.class);
    }

    @Test
    void theDailyLimitUsedUpWaitsAnHourTheConcurrencyLimitHalfAMinute() {
        CrmException daily = usage.exceeded("TotalRequests Limit exceeded.", "Salesforce accounts");
        assertThat(daily.kind()).isEqualTo(CrmException.Kind.RATE_LIMITED);
        assertThat(daily.retryAfter()).isEqualTo(Duration.ofHours(1));
        assertThat(daily.getMessage()).contains("REQUEST_LIMIT_EXCEEDED").contains("daily");
        clock.advance(Duration.ofMinutes(59));
        assertThatThrownBy(() -> usage.check("read")).isInstanceOfSatisfying(CrmException.class,
                e -> assertThat(e.retryAfter()).isEqualTo(Duration.ofMinutes(1)));

        SalesforceApiUsage other = new SalesforceApiUsage(0.95, Duration.ofMinutes(15), clock);
        CrmException concurrent = other.exceeded("ConcurrentPerOrgLongTxn Limit exceeded.", "write");
        assertThat(concurrent.retryAfter()).isEqualTo(Duration.ofSeconds(30));
    }
}
