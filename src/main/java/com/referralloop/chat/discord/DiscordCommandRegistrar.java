package com.referralloop.chat.discord;

import net.dv8tion.jda.api.entities.Guild;
import net.dv8tion.jda.api.events.session.ReadyEvent;
import net.dv8tion.jda.api.hooks.ListenerAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers the slash commands once the bot is connected: in the configured guild (visible at once)
 * or globally (Discord may take a while to show them). Both replace the whole list.
 */
class DiscordCommandRegistrar extends ListenerAdapter {

    private static final Logger log = LoggerFactory.getLogger(DiscordCommandRegistrar.class);

    private final DiscordProperties props;

    DiscordCommandRegistrar(DiscordProperties props) {
        this.props = props;
    }

    @Override
    public void onReady(ReadyEvent event) {
        var commands = DiscordCommandDefinitions.commandData();
        if (props.guildId() != null) {
            Guild guild = event.getJDA().getGuildById(props.guildId());
            if (guild == null) {
                log.error("Discord guild {} is not one the bot is in; commands not registered (invite the bot first)", props.guildId());
                return;
            }
            guild.updateCommands().addCommands(commands).queue(
                    ok -> log.info("Registered {} Discord commands in guild {}", ok.size(), props.guildId()),
                    e -> log.error("Registering Discord commands in guild {} failed: {}", props.guildId(), e.toString()));
        } else {
            event.getJDA().updateCommands().addCommands(commands).queue(
                    ok -> log.info("Registered {} global Discord commands (may take a while to appear)", ok.size()),
                    e -> log.error("Registering global Discord commands failed: {}", e.toString()));
        }
    }
}
