package com.referralloop.chat.discord;

import static com.referralloop.support.Strings.blankToNull;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Discord settings. The bot starts only when {@code botToken} is set.
 *
 * @param botToken           the bot token (DISCORD_BOT_TOKEN); never logged
 * @param guildId            a guild (server) to register commands in at once (DISCORD_GUILD_ID); else global
 * @param communityChannelId the community-manager channel follow-ups are posted to (DISCORD_COMMUNITY_CHANNEL_ID)
 * @param managerRoleId      the community-manager role (DISCORD_MANAGER_ROLE_ID)
 * @param apiBaseUrl         Discord's REST base URL (DISCORD_API_URL); tests point it at a local server
 * @param dmOwners           DM account owners who have a Discord id (DISCORD_DM_OWNERS)
 */
@ConfigurationProperties("referral.discord")
public record DiscordProperties(String botToken, String guildId, String communityChannelId, String managerRoleId,
                                String apiBaseUrl, Boolean dmOwners) {

    static final String DEFAULT_API = "https://discord.com/api/v10/";

    public DiscordProperties {
        botToken = blankToNull(botToken);
        guildId = blankToNull(guildId);
        communityChannelId = blankToNull(communityChannelId);
        managerRoleId = blankToNull(managerRoleId);
        apiBaseUrl = blankToNull(apiBaseUrl) == null ? DEFAULT_API : (apiBaseUrl.endsWith("/") ? apiBaseUrl : apiBaseUrl + "/");
        dmOwners = dmOwners == null ? Boolean.TRUE : dmOwners;
    }

    public boolean enabled() {
        return botToken != null;
    }

    @Override
    public String toString() {
        return "DiscordProperties[botToken=" + (botToken == null ? "unset" : "***") + ", guildId=" + guildId
                + ", communityChannelId=" + communityChannelId + ", managerRoleId=" + managerRoleId
                + ", apiBaseUrl=" + apiBaseUrl + ", dmOwners=" + dmOwners + "]";
    }
}
