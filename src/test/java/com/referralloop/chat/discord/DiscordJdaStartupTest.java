package com.referralloop.chat.discord;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

import com.referralloop.chat.outbox.Outbox;
import com.referralloop.command.ActionRouter;
import com.referralloop.command.CommandRouter;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.interactions.InteractionHook;
import net.dv8tion.jda.api.requests.GatewayIntent;
import org.junit.jupiter.api.Test;

/**
 * The JDA bean logs in through {@code RestConfig#setBaseUrl} (here a local fake of Discord's REST API)
 * with only non-privileged intents. The gateway itself is not faked: the client is shut down right after login.
 */
class DiscordJdaStartupTest {

    @Test
    void jdaLogsInAgainstTheConfiguredApiWithNonPrivilegedIntentsOnly() {
        try (FakeDiscordApi discord = new FakeDiscordApi()) {
            // GIVEN a token and the API base URL of the fake
            DiscordProperties props = new DiscordProperties("test-token", null, null, null, discord.baseUrl(), true);
            DiscordInteractionListener listener = new DiscordInteractionListener(mock(CommandRouter.class),
                    mock(ActionRouter.class), mock(Outbox.class), Runnable::run);
            // WHEN the JDA bean is built
            DiscordReplyListener replies = new DiscordReplyListener(mock(com.referralloop.reply.FollowUpReplies.class), Runnable::run);
            JDA jda = new DiscordConfiguration().jda(props, listener, replies);
            try {
                // THEN the login went to the fake with the bot token, and no privileged intent is asked for
                assertThat(discord.requests("GET", "users/@me")).first()
                        .satisfies(r -> assertThat(r.authorization()).isEqualTo("Bot test-token"));
                assertThat(jda.getGatewayIntents()).containsExactlyInAnyOrder(GatewayIntent.DIRECT_MESSAGES, GatewayIntent.GUILD_MESSAGES)
                        .doesNotContain(GatewayIntent.MESSAGE_CONTENT, GatewayIntent.GUILD_MEMBERS, GatewayIntent.GUILD_PRESENCES);
                assertThat(jda.getRegisteredListeners()).contains(listener, replies);

                // AND JDA's own REST calls (an interaction hook here) go to the same base URL, and JDA waits
                // out a 429 by itself before retrying: why the outbox sender does not use RestAction
                discord.script(429, "{\"message\":\"You are being rate limited.\",\"retry_after\":0.2,\"global\":false}", "webhooks/");
                InteractionHook.from(jda, "interaction-token").deleteOriginal().complete();
                assertThat(discord.requests("DELETE", "webhooks/")).hasSize(2)
                        .allSatisfy(r -> assertThat(r.path()).endsWith("/interaction-token/messages/@original"));
                // (how long JDA waits depends on rate-limit headers this fake does not send; the point is that it
                // retries inside complete(), where the outbox could neither see nor store the wait)
            } finally {
                jda.shutdownNow();
            }
        }
    }

    @Test
    void tokenIsNeverInToString() {
        assertThat(new DiscordProperties("secret-token", "1", null, null, null, null).toString())
                .doesNotContain("secret-token").contains("botToken=***");
    }
}
