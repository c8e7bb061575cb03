package com.referralloop.chat.slack;

import com.referralloop.command.ActionHandler;
import com.referralloop.command.ActionInvocation;
import com.referralloop.command.ChatReply;
import com.referralloop.command.CommandHandler;
import com.referralloop.command.SimpleHandler;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/** A command and a button that take as long as the test lets them: for the 3-second acknowledgement rule. */
@TestConfiguration(proxyBeanMethods = false)
class SlowCommand {

    static volatile CountDownLatch release = new CountDownLatch(1);

    @Bean
    CommandHandler slowFollowUpCommand() {
        return new SimpleHandler("followup", "slow", "/followup slow", "a test command that waits", (args, user) -> {
            try {
                release.await(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return ChatReply.ephemeral("Finally done for " + user.id());
        });
    }

    @Bean
    ActionHandler slowButton() {
        return new ActionHandler() {
            @Override
            public boolean handles(String actionId) {
                return "test.slow".equals(actionId);
            }

            @Override
            public ChatReply handle(ActionInvocation action) {
                try {
                    release.await(20, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return ChatReply.ephemeral("Slow button done for " + action.value());
            }
        };
    }
}
