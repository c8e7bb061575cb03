package com.referralloop.chat.discord;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.referralloop.chat.outbox.SendResult;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import net.dv8tion.jda.api.JDA;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.boot.health.contributor.Status;

/** Discord's health component follows JDA's status; API errors and 429s are counted per status code. */
class DiscordOperationsTest {

    private final FakeDiscordApi discord = new FakeDiscordApi();

    @AfterEach
    void stop() {
        discord.close();
    }

    @Test
    void healthIsUpOnlyWhileTheGatewayIsConnected() {
        // GIVEN a JDA client (the gateway itself is JDA's business, so its status is stubbed)
        JDA jda = mock(JDA.class);
        StaticListableBeanFactory beans = new StaticListableBeanFactory();
        beans.addBean("jda", jda);
        DiscordHealth health = new DiscordHealth(beans.getBeanProvider(JDA.class));
        // WHEN connected THEN UP; WHEN reconnecting THEN DOWN with the status
        when(jda.getStatus()).thenReturn(JDA.Status.CONNECTED);
        assertThat(health.health().getStatus()).isEqualTo(Status.UP);
        when(jda.getStatus()).thenReturn(JDA.Status.WAITING_TO_RECONNECT);
        assertThat(health.health().getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.health().getDetails()).containsEntry("status", "WAITING_TO_RECONNECT");
    }

    @Test
    void rateLimitsAndServerErrorsAreCountedByCode() {
        // GIVEN a sender with its own registry, and Discord answering 429 then 503
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        DiscordRestSender sender = new DiscordRestSender(discord.baseUrl(), "test-token", registry);
        discord.script(429, "{\"message\":\"You are being rate limited.\",\"retry_after\":0.5,\"global\":false}", "channels/C1/messages");
        discord.script(503, "{}", "channels/C1/messages");
        // WHEN two posts are tried
        assertThat(sender.send(DiscordRestSenderTest.post("C1", DiscordRestSenderTest.followUpLike()))).isInstanceOf(SendResult.Throttled.class);
        assertThat(sender.send(DiscordRestSenderTest.post("C1", DiscordRestSenderTest.followUpLike()))).isInstanceOf(SendResult.Failed.class);
        // THEN each is counted under its code
        assertThat(registry.counter("referral.chat.api.errors", "platform", "DISCORD", "code", "429").count()).isEqualTo(1.0);
        assertThat(registry.counter("referral.chat.api.errors", "platform", "DISCORD", "code", "503").count()).isEqualTo(1.0);
    }
}
