package com.referralloop.chat.email;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/** Says in the log that outgoing email is off, so a customer who prefers email is not thought to be emailed. */
@Configuration(proxyBeanMethods = false)
@Conditional(EmailEnabled.Not.class)
class EmailOffNotice {

    private static final Logger log = LoggerFactory.getLogger(EmailOffNotice.class);

    EmailOffNotice() {
        log.info("Email is off: SMTP_HOST is not set (questions to customers who prefer email go to the log)");
    }
}
