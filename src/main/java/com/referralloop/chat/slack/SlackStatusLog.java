package com.referralloop.chat.slack;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Says at start-up whether Slack is on and how it is reached, so a missing token is not a mystery. */
@Component
class SlackStatusLog {

    private static final Logger log = LoggerFactory.getLogger(SlackStatusLog.class);

    private final SlackProperties props;

    SlackStatusLog(SlackProperties props) {
        this.props = props;
    }

    @EventListener(ApplicationReadyEvent.class)
    void report() {
        if (!props.enabled()) {
            log.info("Slack: off (SLACK_BOT_TOKEN is not set); follow-ups go to the other platforms or the log");
        } else if (props.socketMode()) {
            log.info("Slack: on, Socket Mode (SLACK_APP_TOKEN set); no public URL needed");
        } else {
            log.info("Slack: on, HTTP mode: point the Slack app's request URLs at POST /slack/events");
        }
    }
}
