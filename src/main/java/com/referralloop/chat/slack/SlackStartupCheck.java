package com.referralloop.chat.slack;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;

/**
 * Checks the bot token once at start-up (auth.test), off the main thread: a wrong token shows in the
 * log at once instead of at the first follow-up, and the first slash command finds the HTTP client warm.
 */
final class SlackStartupCheck {

    private static final Logger log = LoggerFactory.getLogger(SlackStartupCheck.class);

    private final SlackHealth health;
    private final SlackWork work;

    SlackStartupCheck(SlackHealth health, SlackWork work) {
        this.health = health;
        this.work = work;
    }

    @EventListener(ApplicationReadyEvent.class)
    void check() {
        work.run(() -> {
            SlackHealth.AuthCheck r = health.checkAuth();
            if (r.ok()) {
                log.info("Slack: bot token works in workspace {}", r.team());
            } else if (r.error().startsWith("unreachable")) {
                log.warn("Slack: could not reach the Web API to check the token ({}); deliveries will retry", r.error());
            } else {
                log.warn("Slack: the bot token was refused ({}); check SLACK_BOT_TOKEN", r.error());
            }
        });
    }
}
