package com.referralloop.chat.discord;

import com.referralloop.chat.RecipientResolver;
import com.referralloop.chat.outbox.ChatSender;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Discord delivery wired to a local fake Discord API, without a bot token: the real outbox worker
 * delivers DISCORD targets over HTTP to {@link #DISCORD}, and owners with a Discord id resolve to a
 * DM plus the community-manager channel.
 */
@TestConfiguration(proxyBeanMethods = false)
class DiscordTestConfiguration {

    static final FakeDiscordApi DISCORD = new FakeDiscordApi();
    static final String COMMUNITY_CHANNEL = "C-community";
    static final String MANAGER_ROLE = "R-manager";

    static DiscordProperties properties() {
        return new DiscordProperties(null, null, COMMUNITY_CHANNEL, MANAGER_ROLE, DISCORD.baseUrl(), true);
    }

    @Bean
    ChatSender discordTestSender() {
        return new DiscordRestSender(DISCORD.baseUrl(), "test-token");
    }

    @Bean
    RecipientResolver discordTestResolver() {
        return new DiscordRecipientResolver(properties());
    }
}
