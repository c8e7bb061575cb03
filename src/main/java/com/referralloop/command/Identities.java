package com.referralloop.command;

import com.referralloop.account.Account;
import com.referralloop.account.AccountRepository;
import com.referralloop.chat.ChatUser;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** Works out which account owner a chat user is, from their email or their Slack or Discord id. */
@Component
public class Identities {

    private final AccountRepository accounts;

    Identities(AccountRepository accounts) {
        this.accounts = accounts;
    }

    public Optional<String> ownerEmailOf(ChatUser user) {
        if (user.email() != null && !user.email().isBlank()) {
            return Optional.of(user.email());
        }
        // one account (by the owner id indexes) is enough to learn the email
        Optional<Account> owned = switch (user.platform()) {
            case SLACK -> accounts.findFirstByOwnerSlackUserId(user.id());
            case DISCORD -> accounts.findFirstByOwnerDiscordUserId(user.id());
            default -> Optional.empty();
        };
        return owned.map(a -> a.owner().email());
    }
}
