package com.referralloop.chat.email;

import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * The email sender, when SMTP_HOST is set. Built here rather than by Spring Boot's mail auto-configuration
 * ({@code spring.mail.host}), which would also add a health check that reports the whole app down while the
 * mail server is unreachable, although only emails wait (the outbox retries them).
 */
@Configuration(proxyBeanMethods = false)
@Conditional(EmailEnabled.class)
class EmailConfiguration {

    private static final Logger log = LoggerFactory.getLogger(EmailConfiguration.class);

    @Bean
    EmailChatSender emailChatSender(EmailProperties props) {
        JavaMailSenderImpl mail = new JavaMailSenderImpl();
        mail.setHost(props.smtpHost());
        mail.setPort(props.smtpPort());
        mail.setUsername(props.smtpUsername());
        mail.setPassword(props.smtpPassword());
        mail.setDefaultEncoding("UTF-8");
        Properties smtp = mail.getJavaMailProperties();
        // the envelope sender, and the domain of the Message-IDs JavaMail makes (else the host name, "localhost")
        smtp.put("mail.from", props.from());
        smtp.put("mail.smtp.auth", String.valueOf(props.smtpUsername() != null));
        smtp.put("mail.smtp.starttls.enable", String.valueOf(props.smtpStarttls()));
        smtp.put("mail.smtp.starttls.required", String.valueOf(props.smtpStarttls()));
        // an unreachable server must not hold an outbox lane: each attempt fails within seconds and is retried
        smtp.put("mail.smtp.connectiontimeout", "5000");
        smtp.put("mail.smtp.timeout", "10000");
        smtp.put("mail.smtp.writetimeout", "10000");
        log.info("Email: on, via {}:{} from {}", props.smtpHost(), props.smtpPort(), props.from());
        return new EmailChatSender(mail, props.from());
    }
}
