package com.referralloop.chat.slack;

import com.referralloop.chat.ChatField;
import com.referralloop.chat.ChatMessage;
import com.referralloop.chat.ChatTarget;
import com.referralloop.chat.Platform;
import com.referralloop.chat.outbox.Outbox;
import com.referralloop.chat.outbox.OutboxEvents.MessageDeadLettered;
import com.referralloop.support.LogSafe;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;

/**
 * Posts an alert in the default channel when a Slack message is dead-lettered, through the outbox
 * like any message. An alert that itself dies is only logged, so alerts never loop.
 */
final class SlackDeliveryAlerts {

    private static final Logger log = LoggerFactory.getLogger(SlackDeliveryAlerts.class);
    static final String SUBJECT_PREFIX = "slack-alert:";

    private final Outbox outbox;
    private final SlackProperties props;

    SlackDeliveryAlerts(Outbox outbox, SlackProperties props) {
        this.outbox = outbox;
        this.props = props;
    }

    @EventListener
    void on(MessageDeadLettered dead) {
        if (dead.target().platform() != Platform.SLACK) {
            return;
        }
        if (dead.subjectId() != null && dead.subjectId().startsWith(SUBJECT_PREFIX)) {
            log.error("A Slack delivery alert could not be posted either ({}); see the outbox", dead.reason());
            return;
        }
        if (props.defaultChannel() == null) {
            log.error("Slack message {} dead-lettered ({}); set SLACK_DEFAULT_CHANNEL to be alerted in Slack",
                    dead.outboxId(), dead.reason());
            return;
        }
        ChatMessage alert = new ChatMessage("A Slack message could not be delivered",
                "Referral Loop gave up on a message: " + LogSafe.mask(dead.reason()) + ".",
                List.of(new ChatField("To", LogSafe.mask(dead.target().destination())),
                        new ChatField("About", dead.subjectId() == null ? "-" : dead.subjectId()),
                        new ChatField("Outbox id", dead.outboxId())),
                List.of(), "Fix the cause (invite the bot to the channel, correct the channel or the owner); the message stays in the outbox, state DEAD.");
        outbox.enqueue("slack:alert:" + dead.outboxId(), ChatTarget.of(Platform.SLACK, props.defaultChannel()), alert,
                SUBJECT_PREFIX + dead.outboxId());
    }
}
