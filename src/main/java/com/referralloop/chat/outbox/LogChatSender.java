package com.referralloop.chat.outbox;

import com.referralloop.chat.Platform;
import com.referralloop.support.LogSafe;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** The sender used when no chat platform is configured: writes the rendered message to the log. */
@Component
class LogChatSender implements ChatSender {

    private static final Logger log = LoggerFactory.getLogger("referral.delivery");

    @Override
    public Platform platform() {
        return Platform.LOG;
    }

    @Override
    public SendResult send(OutboxMessage message) {
        log.info("Delivered to {} ({}):\n{}", LogSafe.mask(message.target().destination()), message.kind(),
                LogSafe.mask(message.message().plainText()));
        return SendResult.sent("log:" + message.id());
    }
}
