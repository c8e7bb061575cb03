package com.referralloop.chat.slack;

import com.referralloop.chat.ChatTarget;
import com.referralloop.chat.Platform;
import com.referralloop.chat.Recipient;
import com.referralloop.chat.RecipientResolver;
import java.util.Optional;

/**
 * Where Slack reaches a recipient: an owner by DM (by Slack id, or by email resolved when the
 * message is sent), a channel as named, and unassigned follow-ups in the default channel.
 * Purely numeric channel ids are Discord's, not ours.
 */
final class SlackRecipientResolver implements RecipientResolver {

    private final SlackProperties props;

    SlackRecipientResolver(SlackProperties props) {
        this.props = props;
    }

    @Override
    public Optional<ChatTarget> resolve(Recipient r) {
        switch (r.role()) {
            case OWNER:
                if (r.slackUserId() != null && !r.slackUserId().isBlank()) {
                    return Optional.of(ChatTarget.of(Platform.SLACK, r.slackUserId().trim()));
                }
                if (r.email() != null && !r.email().isBlank()) {
                    return Optional.of(ChatTarget.of(Platform.SLACK, SlackDestinations.byEmail(r.email().trim(), r.accountId())));
                }
                return Optional.empty();
            case CHANNEL:
                if (r.channel() == null || r.channel().isBlank() || r.channel().trim().matches("\\d+")) {
                    return Optional.empty();
                }
                return Optional.of(ChatTarget.of(Platform.SLACK, r.channel().trim()));
            default:
                return Optional.ofNullable(props.defaultChannel()).map(c -> ChatTarget.of(Platform.SLACK, c));
        }
    }
}
