package com.referralloop.chat.discord;

import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/** True when a Discord bot token is configured; an empty DISCORD_BOT_TOKEN counts as unset. */
class DiscordEnabled implements Condition {

    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
        return StringUtils.hasText(context.getEnvironment().getProperty("referral.discord.bot-token"));
    }

    /** The opposite, for the "Discord is off" notice. */
    static class Not implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return !new DiscordEnabled().matches(context, metadata);
        }
    }
}
