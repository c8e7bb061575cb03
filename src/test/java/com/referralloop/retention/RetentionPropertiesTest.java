package com.referralloop.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The live window of sent outbox messages is checked at start-up against the sent retention. */
class RetentionPropertiesTest {

    @Test
    void aLiveWindowNotShorterThanTheSentRetentionIsRefusedWithWhatToSet() {
        assertThatThrownBy(() -> props(Duration.ofDays(30), Duration.ofDays(30)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("REFERRAL_RETENTION_OUTBOX_LIVE (PT720H) must be shorter than REFERRAL_RETENTION_OUTBOX_SENT")
                .hasMessageContaining("REFERRAL_RETENTION_OUTBOX_LIVE=10m");
        assertThatThrownBy(() -> props(Duration.ZERO, Duration.ofDays(30)))
                .hasMessageContaining("REFERRAL_RETENTION_OUTBOX_LIVE must be positive");
    }

    @Test
    void unsetTheLiveWindowIsTenMinutesMovedEveryMinute() {
        RetentionProperties p = props(null, null);
        assertThat(p.outboxLive()).isEqualTo(Duration.ofMinutes(10));
        assertThat(p.outboxLiveCheckInterval()).isEqualTo(Duration.ofMinutes(1));
        assertThat(p.outboxSent()).isEqualTo(Duration.ofDays(30));
    }

    private static RetentionProperties props(Duration live, Duration sent) {
        return new RetentionProperties(live, sent, null, null, null, null, null, 0, 0);
    }
}
