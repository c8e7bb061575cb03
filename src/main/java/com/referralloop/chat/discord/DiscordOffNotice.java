package com.referralloop.chat.discord;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/** Says in the log that Discord is off, so a missing token is not mistaken for a silent bot. */
@Configuration(proxyBeanMethods = false)
@Conditional(DiscordEnabled.Not.class)
class DiscordOffNotice {

    private static final Logger log = LoggerFactory.getLogger(DiscordOffNotice.class);

    DiscordOffNotice() {
        log.info("Discord is off: DISCORD_BOT_TOKEN is not set (no bot, no Discord delivery)");
    }
}
