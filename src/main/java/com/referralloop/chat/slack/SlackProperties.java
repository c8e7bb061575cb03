package com.referralloop.chat.slack;

import static com.referralloop.support.Strings.blankToNull;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Slack settings. Slack is on when {@code botToken} is set; Socket Mode when {@code appToken} is set too.
 *
 * @param botToken        bot token {@code xoxb-…} (SLACK_BOT_TOKEN); blank turns Slack off
 * @param signingSecret   signing secret that HTTP-mode requests are verified with (SLACK_SIGNING_SECRET)
 * @param appToken        app-level token {@code xapp-…}; set means Socket Mode (SLACK_APP_TOKEN)
 * @param apiUrl          Web API prefix, e.g. {@code https://slack.com/api/} (SLACK_API_URL); for tests and proxies
 * @param defaultChannel  channel for unassigned follow-ups and delivery alerts (SLACK_DEFAULT_CHANNEL)
 * @param ackBudget       how long a command or click may run before it is acknowledged and answered later
 * @param channelInterval least time between two posts to one channel (Slack allows about one a second)
 * @param maxClockSkew    how far a request timestamp may be from now, either way
 * @param workerThreads   threads that run commands and clicks off the request thread
 */
@ConfigurationProperties("referral.slack")
public record SlackProperties(String botToken, String signingSecret, String appToken, String apiUrl,
                              String defaultChannel, Duration ackBudget, Duration channelInterval,
                              Duration maxClockSkew, Integer workerThreads) {

    public SlackProperties {
        botToken = blankToNull(botToken);
        signingSecret = blankToNull(signingSecret);
        appToken = blankToNull(appToken);
        apiUrl = blankToNull(apiUrl);
        if (apiUrl != null && !apiUrl.endsWith("/")) {
            apiUrl = apiUrl + "/";
        }
        defaultChannel = blankToNull(defaultChannel);
        ackBudget = ackBudget == null ? Duration.ofMillis(2000) : ackBudget;
        channelInterval = channelInterval == null ? Duration.ofSeconds(1) : channelInterval;
        maxClockSkew = maxClockSkew == null ? Duration.ofMinutes(5) : maxClockSkew;
        workerThreads = workerThreads == null || workerThreads <= 0 ? 16 : workerThreads;
    }

    public boolean enabled() {
        return botToken != null;
    }

    public boolean socketMode() {
        return appToken != null;
    }

    @Override
    public String toString() {
        return "SlackProperties[botToken=" + (botToken == null ? "unset" : "***")
                + ", signingSecret=" + (signingSecret == null ? "unset" : "***")
                + ", appToken=" + (appToken == null ? "unset" : "***")
                + ", apiUrl=" + (apiUrl == null ? "default" : apiUrl)
                + ", defaultChannel=" + defaultChannel + ", ackBudget=" + ackBudget
                + ", channelInterval=" + channelInterval + ", maxClockSkew=" + maxClockSkew
                + ", workerThreads=" + workerThreads + "]";
    }
}
