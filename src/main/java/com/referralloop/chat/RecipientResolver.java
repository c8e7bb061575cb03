package com.referralloop.chat;

import java.util.List;
import java.util.Optional;

/** A chat platform's answer to "can you reach this recipient, and where?". One per enabled platform. */
public interface RecipientResolver {

    Optional<ChatTarget> resolve(Recipient recipient);

    /** Every place on this platform the message should go (e.g. a DM and a channel); by default the one above. */
    default List<ChatTarget> resolveAll(Recipient recipient) {
        return resolve(recipient).map(List::of).orElse(List.of());
    }
}
