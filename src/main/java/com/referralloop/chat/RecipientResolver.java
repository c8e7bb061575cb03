package com.referralloop.chat;

import java.util.Optional;

/** A chat platform's answer to "can you reach this recipient, and where?". One per enabled platform. */
public interface RecipientResolver {

    Optional<ChatTarget> resolve(Recipient recipient);
}
