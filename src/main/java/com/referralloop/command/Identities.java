package com.referralloop.command;

import com.referralloop.account.Account;
import com.referralloop.account.AccountRepository;
import com.referralloop.chat.ChatUser;
import java.util.List;
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
        List<Account> owned = switch (user.platform()) {
            case SLACK -> accounts.findByOwnerSlackUserId(user.id());
            case DISCORD -> accounts.findByOwnerDiscordUserId(user.id());
            default -> List.of();
        };
        return owned.stream().map(a -> a.owner().email()).findFirst();
    }
}
