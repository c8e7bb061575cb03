package com.referralloop.chat.email;

import static com.referralloop.support.Strings.blankToNull;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Outgoing email, for customers whose preferred channel is email. Off while {@code smtpHost} is unset: the
 * question to such a customer then goes to the log, and the follow-up says so.
 *
 * @param smtpHost     SMTP server ({@code SMTP_HOST})
 * @param smtpPort     its port ({@code SMTP_PORT}, 587)
 * @param smtpUsername login, if the server needs one
 * @param smtpPassword password of that login
 * @param smtpStarttls upgrade the connection with STARTTLS, required when on ({@code SMTP_STARTTLS}, true)
 * @param from         the sender address customers see ({@code EMAIL_FROM}); required with a host
 */
@ConfigurationProperties("referral.email")
public record EmailProperties(String smtpHost, Integer smtpPort, String smtpUsername, String smtpPassword,
                              Boolean smtpStarttls, String from) {

    public EmailProperties {
        smtpHost = blankToNull(smtpHost);
        smtpPort = smtpPort == null ? 587 : smtpPort;
        smtpUsername = blankToNull(smtpUsername);
        smtpPassword = blankToNull(smtpPassword);
        smtpStarttls = smtpStarttls == null || smtpStarttls;
        from = blankToNull(from);
        if (smtpHost != null && from == null) {
            throw new IllegalArgumentException("SMTP_HOST is set but EMAIL_FROM is not: set the address customers see "
                    + "emails from, e.g. EMAIL_FROM=referrals@example.com");
        }
    }

    @Override
    public String toString() {
        return "EmailProperties[smtpHost=" + smtpHost + ", smtpPort=" + smtpPort + ", from=" + from + ", secrets hidden]";
    }
}
