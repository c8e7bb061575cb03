package com.referralloop.chat.slack;

import com.referralloop.account.AccountService;
import com.referralloop.chat.outbox.Outbox;
import com.referralloop.command.ActionRouter;
import com.referralloop.command.CommandRouter;
import com.referralloop.command.Identities;
import com.referralloop.feedback.FeedbackService;
import com.referralloop.followup.ReferenceSummary;
import com.referralloop.reply.FollowUpReplies;
import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.bolt.App;
import com.slack.api.bolt.AppConfig;
import com.slack.api.bolt.jakarta_servlet.SlackAppServlet;
import com.slack.api.methods.MethodsClient;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * Wires Slack when SLACK_BOT_TOKEN is set: the Bolt app, its one HTTP endpoint {@code POST /slack/events}
 * (a plain servlet behind our own signature filter) or Socket Mode, the outbox sender and the
 * recipient resolver. Without a token none of this exists and the rest of the bot runs as before.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(SlackEnabled.class)
class SlackConfiguration {

    static final String PATH = "/slack/events";

    @Bean
    Slack slack(SlackProperties props) {
        SlackConfig config = new SlackConfig();
        if (props.apiUrl() != null) {
            config.setMethodsEndpointUrlPrefix(props.apiUrl());
        }
        config.getMethodsConfig().setStatsEnabled(false);
        config.setHttpClientReadTimeoutMillis(10_000);
        config.setHttpClientCallTimeoutMillis(15_000);
        return Slack.getInstance(config);
    }

    @Bean
    MethodsClient slackMethods(Slack slack, SlackProperties props) {
        return slack.methods(props.botToken());
    }

    @Bean(destroyMethod = "close")
    SlackWork slackWork(SlackProperties props) {
        return new SlackWork(props.workerThreads(), props.ackBudget());
    }

    @Bean
    SlackUsers slackUsers(MethodsClient slackMethods, Clock clock,
                          @org.springframework.beans.factory.annotation.Value("${referral.program.admin-slack-usergroup:}")
                          String adminGroup) {
        return new SlackUsers(slackMethods, clock, new SlackUserGroups(slackMethods, clock, java.util.List.of(adminGroup)));
    }

    @Bean
    SlackEventLog slackEventLog(MongoTemplate mongo, Clock clock) {
        return new SlackEventLog(mongo, clock);
    }

    @Bean
    SlackHomeTab slackHomeTab(com.referralloop.followup.OwnerFollowUps followUps, FeedbackService feedback,
                              AccountService accounts, Identities identities, ObjectProvider<ReferenceSummary> summary,
                              Clock clock, com.referralloop.request.RequestDigest requests) {
        return new SlackHomeTab(followUps, feedback, accounts, identities, summary, clock, requests);
    }

    @Bean
    SlackMessages slackMessages(FollowUpReplies replies, SlackEventLog events) {
        return new SlackMessages(replies, events);
    }

    @Bean
    SlackHandlers slackHandlers(CommandRouter commands, ActionRouter actions, SlackUsers users, SlackWork work,
                                SlackEventLog events, SlackHomeTab home, MethodsClient slackMethods, Slack slack,
                                SlackMessages messages) {
        return new SlackHandlers(commands, actions, users, work, events, home, slackMethods, slack, messages);
    }

    @Bean
    App slackApp(SlackProperties props, Slack slack, SlackHandlers handlers) {
        if (!props.socketMode() && props.signingSecret() == null) {
            throw new IllegalStateException("SLACK_SIGNING_SECRET is required in HTTP mode (SLACK_BOT_TOKEN is set, "
                    + "SLACK_APP_TOKEN is not): without it no request from Slack can be verified");
        }
        AppConfig config = AppConfig.builder()
                .slack(slack)
                .singleTeamBotToken(props.botToken())
                .signingSecret(props.signingSecret())
                // our SlackSignatureFilter checks timestamps both ways and compares in constant time
                .requestVerificationEnabled(false)
                // message_changed, message_deleted, bot_message, channel_join…: acknowledged, nothing to do
                .subtypedMessageEventsAutoAckEnabled(true)
                .build();
        App app = new App(config);
        handlers.register(app);
        return app;
    }

    @Bean
    ServletRegistrationBean<SlackAppServlet> slackServlet(App slackApp, SlackHandlers handlers, SlackProperties props) {
        var bean = new ServletRegistrationBean<SlackAppServlet>(new SlackEventsServlet(slackApp, handlers), PATH);
        bean.setName("slackEvents");
        bean.setEnabled(!props.socketMode());
        return bean;
    }

    @Bean
    FilterRegistrationBean<SlackSignatureFilter> slackSignatureFilter(SlackProperties props, Clock clock) {
        String secret = props.signingSecret() == null ? "unset-" + System.nanoTime() : props.signingSecret();
        var bean = new FilterRegistrationBean<>(new SlackSignatureFilter(new SlackRequestVerifier(secret, props.maxClockSkew()), clock));
        bean.addUrlPatterns(PATH);
        // after the body size limit, before anything else reads the body
        bean.setOrder(Ordered.HIGHEST_PRECEDENCE + 15);
        bean.setEnabled(!props.socketMode());
        return bean;
    }

    @Bean
    SlackSocketMode slackSocketMode(SlackProperties props, App slackApp) {
        return new SlackSocketMode(props, slackApp);
    }

    @Bean
    SlackHealth slackHealthIndicator(MethodsClient slackMethods, MeterRegistry metrics, Clock clock) {
        return new SlackHealth(slackMethods, metrics, clock);
    }

    @Bean
    SlackStartupCheck slackStartupCheck(SlackHealth slackHealthIndicator, SlackWork work) {
        return new SlackStartupCheck(slackHealthIndicator, work);
    }

    @Bean
    SlackChatSender slackChatSender(MethodsClient slackMethods, AccountService accounts, Clock clock, SlackProperties props,
                                    SlackHealth slackHealthIndicator) {
        return new SlackChatSender(slackMethods, accounts, clock, props.channelInterval(), slackHealthIndicator::apiError);
    }

    @Bean
    SlackRecipientResolver slackRecipientResolver(SlackProperties props) {
        return new SlackRecipientResolver(props);
    }

    @Bean
    SlackDeliveryAlerts slackDeliveryAlerts(Outbox outbox, SlackProperties props) {
        return new SlackDeliveryAlerts(outbox, props);
    }
}
