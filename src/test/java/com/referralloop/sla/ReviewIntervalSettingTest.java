package com.referralloop.sla;

import static org.assertj.core.api.Assertions.assertThat;

import com.referralloop.referral.ProgramProperties;
import com.referralloop.support.IntegrationTest;
import java.time.Instant;
import java.time.Period;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * One review interval: the rating's next review date and the SLA's review prompt read the same setting, and
 * the setting's older name (REFERRAL_REVIEW_PERIOD, days) still sets both when the new one is unset.
 */
@IntegrationTest
@TestPropertySource(properties = "REFERRAL_REVIEW_PERIOD=200d")
class ReviewIntervalSettingTest {

    @Autowired
    ProgramProperties program;
    @Autowired
    SlaProperties sla;

    @Test
    void theOlderNameSetsTheRatingsReviewDateAndTheReviewPromptAlike() {
        assertThat(program.reviewInterval()).isEqualTo(Period.ofDays(200));
        assertThat(sla.reviewPeriod()).isEqualTo(Period.ofDays(200));
        assertThat(sla.reviewDueAfter(Instant.parse("2026-01-01T09:00:00Z"))).isEqualTo(Instant.parse("2026-07-20T09:00:00Z"));
        assertThat(sla.reviewPeriodInWords()).isEqualTo("200 days");
    }
}
