package com.referralloop.chat.outbox;

import com.referralloop.chat.Platform;

/** Delivers outbox messages to one platform. Implementations must not throw for platform errors. */
public interface ChatSender {

    Platform platform();

    SendResult send(OutboxMessage message);
}
