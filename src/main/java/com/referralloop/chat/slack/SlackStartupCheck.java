package com.referralloop.chat.slack;

import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.response.auth.AuthTestResponse;
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

    private final MethodsClient client;
    private final SlackWork work;

    SlackStartupCheck(MethodsClient client, SlackWork work) {
        this.client = client;
        this.work = work;
    }

    @EventListener(ApplicationReadyEvent.class)
    void check() {
        work.run(() -> {
            try {
                AuthTestResponse r = client.authTest(req -> req);
                if (r.isOk()) {
                    log.info("Slack: bot token works: @{} in workspace {}", r.getUser(), r.getTeam());
                } else {
                    log.warn("Slack: the bot token was refused ({}); check SLACK_BOT_TOKEN", r.getError());
                }
            } catch (Exception e) {
                log.warn("Slack: could not reach the Web API to check the token ({}); deliveries will retry", e.toString());
            }
        });
    }
}
