package com.referralloop.chat.email;

import com.referralloop.chat.ChatField;
import com.referralloop.chat.ChatMessage;
import com.referralloop.chat.Platform;
import com.referralloop.chat.outbox.ChatSender;
import com.referralloop.chat.outbox.OutboxMessage;
import com.referralloop.chat.outbox.SendResult;
import com.referralloop.support.LogSafe;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.MimeMessage;
import java.util.stream.Collectors;
import org.springframework.mail.MailException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;

/**
 * Sends outbox messages to customers by email: the title is the subject, the text, fields and footer the plain
 * body; a field named {@value #REPLY_TO} becomes the Reply-To header (the address that brings the answer back to
 * the follow-up). A sent email cannot be edited, so an update is refused, never sent as a second email.
 */
public class EmailChatSender implements ChatSender {

    /** The message field that names the Reply-To address. */
    public static final String REPLY_TO = "Reply-To";

    private final JavaMailSender mail;
    private final String from;

    EmailChatSender(JavaMailSender mail, String from) {
        this.mail = mail;
        this.from = from;
    }

    @Override
    public Platform platform() {
        return Platform.EMAIL;
    }

    @Override
    public SendResult send(OutboxMessage message) {
        if (message.kind() == OutboxMessage.OutboxKind.UPDATE) {
            return new SendResult.Permanent("an email cannot be edited once sent");
        }
        try {
            MimeMessage mime = mail.createMimeMessage();
            MimeMessageHelper email = new MimeMessageHelper(mime, "UTF-8");
            email.setFrom(from);
            email.setTo(message.target().destination());
            email.setSubject(message.message().title() == null ? "" : message.message().title());
            String replyTo = field(message.message(), REPLY_TO);
            if (replyTo != null) {
                email.setReplyTo(replyTo);
            }
            email.setText(body(message.message()));
            mail.send(mime);
            return SendResult.sent(mime.getMessageID());
        } catch (AddressException bad) {
            return new SendResult.Permanent("not an email address: " + LogSafe.mask(bad.getMessage()));
        } catch (MailSendException refused) {
            // the outbox logs these; a server's answer often quotes the address
            return refusedRecipient(refused) ? new SendResult.Permanent("the mail server refused the recipient: "
                    + LogSafe.mask(refused.getMessage())) : new SendResult.Failed("SMTP: " + LogSafe.mask(refused.getMessage()));
        } catch (MailException | MessagingException e) {
            // unreachable server, timeout, authentication: retried with backoff, then dead-lettered
            return new SendResult.Failed("SMTP: " + LogSafe.mask(e.getMessage()));
        }
    }

    /** The server answered that the recipient does not exist (a 5xx for the address): retrying cannot help. */
    private static boolean refusedRecipient(MailSendException e) {
        return e.getFailedMessages().values().stream().anyMatch(cause -> cause instanceof SendFailedException failed
                && failed.getInvalidAddresses() != null && failed.getInvalidAddresses().length > 0);
    }

    static String body(ChatMessage m) {
        StringBuilder body = new StringBuilder(m.text() == null ? "" : m.text());
        String fields = m.fields().stream().filter(f -> !REPLY_TO.equals(f.label()))
                .map(f -> f.label() + ": " + f.value()).collect(Collectors.joining("\n"));
        if (!fields.isEmpty()) {
            body.append("\n\n").append(fields);
        }
        if (m.footer() != null && !m.footer().isBlank()) {
            body.append("\n\n-- \n").append(m.footer());
        }
        return body.append('\n').toString();
    }

    private static String field(ChatMessage m, String name) {
        return m.fields().stream().filter(f -> name.equals(f.label())).map(ChatField::value).findFirst().orElse(null);
    }
}
