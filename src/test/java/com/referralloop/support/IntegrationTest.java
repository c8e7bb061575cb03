package com.referralloop.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * A full application on a random port over the embedded wire-protocol MongoDB, signed with the test webhook
 * secret. Each context keeps its store in its own file under {@code target/test-stores}, in the format and
 * with the commits users run. Test classes with the same settings share one context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "referral.store.data-dir=target/test-stores/${random.uuid}",
        "referral.feedback.webhook-secret=whsec_dGVzdC1mZWVkYmFjay1zZWNyZXQtMDEyMzQ1Njc4OQ==",
        "referral.outbox.poll-interval=100ms",
        "referral.followup.sweep-interval=500ms",
        // tests run the retention job by hand; scheduled, it would prune rows tests look at once a clock moved on
        "referral.retention.initial-delay=24h",
        "referral.program.admin-emails=admin@vendor.com",
        "referral.program.admin-slack-usergroup=S0ADMINS"
})
public @interface IntegrationTest {
}
