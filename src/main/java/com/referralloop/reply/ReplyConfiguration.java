package com.referralloop.reply;

import com.referralloop.sla.SlaProperties;
import java.time.Clock;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Registers the email-reply webhook servlet. */
@Configuration(proxyBeanMethods = false)
class ReplyConfiguration {

    @Bean
    ServletRegistrationBean<EmailReplyServlet> emailReplyServlet(FollowUpReplies replies, SlaProperties props, Clock clock) {
        ServletRegistrationBean<EmailReplyServlet> bean =
                new ServletRegistrationBean<>(new EmailReplyServlet(replies, props, clock), "/webhooks/email-reply");
        bean.setName("emailReplyServlet");
        return bean;
    }
}
