package com.referralloop.chat;

import java.util.Optional;

/**
 * A platform's view of a user's profile email, when it shows it (Slack with users:read.email). Lets the core
 * match a customer who writes from a chat id the import did not have.
 */
public interface ChatEmailLookup {

    Platform platform();

    Optional<String> emailOf(String userId);
}
