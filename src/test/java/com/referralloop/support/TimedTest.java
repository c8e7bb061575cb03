package com.referralloop.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

/**
 * An {@link IntegrationTest} with a {@link MutableClock} and the timers' own schedules far apart, so a
 * test drives each timer by calling it after moving the clock. Classes with this annotation share one context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@IntegrationTest
@Import({MutableClock.Config.class, com.referralloop.sla.FakeReviewSources.Config.class})
@TestPropertySource(properties = {
        "referral.sla.check-interval=1h",
        "referral.sla.review-check-interval=1h",
        "referral.sla.initial-delay=1h",
        "referral.followup.snooze-check-interval=1h",
        "referral.sla.email-reply-secret=whsec_ZW1haWwtcmVwbHktdGVzdC1zZWNyZXQtMDEyMzQ1",
        "referral.sla.reply-domain=replies.example.com"
})
public @interface TimedTest {
}
