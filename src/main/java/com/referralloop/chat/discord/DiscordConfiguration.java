package com.referralloop.chat.discord;

import com.referralloop.chat.RecipientResolver;
import com.referralloop.chat.outbox.ChatSender;
import com.referralloop.chat.outbox.Outbox;
import com.referralloop.command.ActionRouter;
import com.referralloop.command.CommandRouter;
import com.referralloop.reply.FollowUpReplies;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.JDABuilder;
import net.dv8tion.jda.api.requests.GatewayIntent;
import net.dv8tion.jda.api.requests.RestConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/**
 * Starts the Discord bot when DISCORD_BOT_TOKEN is set. Only non-privileged intents: the bot works
 * with slash commands, buttons, modals, DMs and replies to itself, never reading channel messages.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(DiscordEnabled.class)
class DiscordConfiguration {

    private static final Logger log = LoggerFactory.getLogger(DiscordConfiguration.class);

    static final EnumSet<GatewayIntent> INTENTS = EnumSet.of(GatewayIntent.DIRECT_MESSAGES, GatewayIntent.GUILD_MESSAGES);

    @Bean(destroyMethod = "shutdownNow")
    ExecutorService discordInteractionExecutor() {
        AtomicInteger n = new AtomicInteger();
        return Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "discord-interaction-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    @Bean
    DiscordInteractionListener discordInteractionListener(CommandRouter commands, ActionRouter actions, Outbox outbox,
                                                          ExecutorService discordInteractionExecutor) {
        return new DiscordInteractionListener(commands, actions, outbox, discordInteractionExecutor);
    }

    @Bean
    DiscordReplyListener discordReplyListener(FollowUpReplies replies, ExecutorService discordInteractionExecutor) {
        return new DiscordReplyListener(replies, discordInteractionExecutor);
    }

    @Bean(destroyMethod = "shutdown")
    JDA jda(DiscordProperties props, DiscordInteractionListener listener, DiscordReplyListener replies) {
        log.info("Discord is on: {}", props);
        return JDABuilder.createLight(props.botToken(), INTENTS)
                .setRestConfig(new RestConfig().setBaseUrl(props.apiBaseUrl()))
                .setEnableShutdownHook(false)
                .addEventListeners(listener, replies, new DiscordCommandRegistrar(props))
                .build();
    }

    @Bean
    ChatSender discordChatSender(DiscordProperties props, MeterRegistry metrics) {
        return new DiscordRestSender(props, metrics);
    }

    @Bean
    DiscordHealth discordHealthIndicator(ObjectProvider<JDA> jda) {
        return new DiscordHealth(jda);
    }

    @Bean
    RecipientResolver discordRecipientResolver(DiscordProperties props) {
        return new DiscordRecipientResolver(props);
    }
}
