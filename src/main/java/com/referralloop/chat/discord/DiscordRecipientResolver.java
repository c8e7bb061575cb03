package com.referralloop.chat.discord;

import com.referralloop.chat.ChatTarget;
import com.referralloop.chat.Platform;
import com.referralloop.chat.Recipient;
import com.referralloop.chat.RecipientResolver;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reaches owners who are Discord users: a DM (when dm-owners is on) and a copy in the
 * community-manager channel (when configured), where community managers can act on it too.
 */
final class DiscordRecipientResolver implements RecipientResolver {

    private final DiscordProperties props;

    DiscordRecipientResolver(DiscordProperties props) {
        this.props = props;
    }

    @Override
    public Optional<ChatTarget> resolve(Recipient recipient) {
        return resolveAll(recipient).stream().findFirst();
    }

    @Override
    public List<ChatTarget> resolveAll(Recipient recipient) {
        List<ChatTarget> out = new ArrayList<>();
        if (recipient.role() != Recipient.Role.OWNER || recipient.discordUserId() == null || recipient.discordUserId().isBlank()) {
            return out;
        }
        if (props.dmOwners()) {
            out.add(ChatTarget.of(Platform.DISCORD, DiscordRestSender.DM_PREFIX + recipient.discordUserId()));
        }
        if (props.communityChannelId() != null) {
            out.add(ChatTarget.of(Platform.DISCORD, props.communityChannelId()));
        }
        return out;
    }
}
