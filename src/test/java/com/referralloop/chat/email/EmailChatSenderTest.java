package com.referralloop.chat.email;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.referralloop.chat.ChatField;
import com.referralloop.chat.ChatMessage;
import com.referralloop.chat.ChatTarget;
import com.referralloop.chat.Platform;
import com.referralloop.chat.outbox.OutboxMessage;
import com.referralloop.chat.outbox.OutboxMessage.OutboxKind;
import com.referralloop.chat.outbox.OutboxState;
import com.referralloop.chat.outbox.SendResult;
import jakarta.mail.Address;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.net.ServerSocket;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.mockito.Mockito;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/** How the email sender answers the outbox: sent with its Message-ID, retried, or refused for good. */
class EmailChatSenderTest {

    static OutboxMessage message(OutboxKind kind, String to) {
        ChatMessage m = new ChatMessage("Thank you [ref:abc]", "Would you share your experience?",
                List.of(new ChatField(EmailChatSender.REPLY_TO, "reply+abc@replies.example.com"), new ChatField("Score", "9")),
                List.of(), "Keep [ref:abc] in the subject");
        return new OutboxMessage("m-1", "k-1", kind, ChatTarget.of(Platform.EMAIL, to), m, "ask:F1", OutboxState.PENDING,
                0, 0, Instant.now(), Instant.now(), null, null, null, null, null);
    }

    static EmailChatSender sender(int port) {
        JavaMailSenderImpl mail = new JavaMailSenderImpl();
        mail.setHost("127.0.0.1");
        mail.setPort(port);
        mail.getJavaMailProperties().put("mail.smtp.connectiontimeout", "2000");
        mail.getJavaMailProperties().put("mail.smtp.timeout", "2000");
        return new EmailChatSender(mail, "referrals@vendor.com");
    }

    @Test
    void aPostIsSentWithItsMessageIdAndAPlainBodyWithoutTheReplyToField() throws Exception {
        GreenMail smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        smtp.start();
        try {
            SendResult r = sender(smtp.getSmtp().getPort()).send(message(OutboxKind.POST, "alice@acme.com"));

            assertThat(r).isInstanceOf(SendResult.Sent.class);
            assertThat(smtp.getReceivedMessages()).hasSize(1);
            assertThat(((SendResult.Sent) r).ref()).isEqualTo(smtp.getReceivedMessages()[0].getMessageID());
            assertThat(EmailChatSender.body(message(OutboxKind.POST, "x@y.z").message()))
                    .isEqualTo("Would you share your experience?\n\nScore: 9\n\n-- \nKeep [ref:abc] in the subject\n");
        } finally {
            smtp.stop();
        }
    }

    @Test
    void anUpdateIsRefusedNeverSentAsASecondEmail() {
        // port 1: nothing may be contacted at all
        assertThat(sender(1).send(message(OutboxKind.UPDATE, "alice@acme.com"))).isInstanceOf(SendResult.Permanent.class);
    }

    @Test
    void anUnreachableServerIsRetriedAndABadAddressIsNot() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        SendResult down = sender(closed).send(message(OutboxKind.POST, "alice@acme.com"));
        assertThat(down).isInstanceOf(SendResult.Failed.class);
        assertThat(((SendResult.Failed) down).error()).startsWith("SMTP:");

        assertThat(sender(closed).send(message(OutboxKind.POST, "not an address"))).isInstanceOf(SendResult.Permanent.class);
    }

    @Test
    void aRecipientTheServerRefusesIsDeadLetteredAndItsAddressIsMaskedInTheError() throws Exception {
        // the server's own answer (a stand-in for it: GreenMail accepts every recipient)
        JavaMailSender mail = Mockito.mock(JavaMailSender.class);
        Mockito.when(mail.createMimeMessage()).thenAnswer(i -> new MimeMessage(Session.getInstance(new Properties())));
        MimeMessage failed = new MimeMessage(Session.getInstance(new Properties()));
        SendFailedException unknown = new SendFailedException("550 5.1.1 <alice@acme.com>: Recipient address rejected",
                null, new Address[0], new Address[0], new Address[] {new InternetAddress("alice@acme.com")});
        Mockito.doThrow(new MailSendException(Map.of(failed, unknown))).when(mail).send(Mockito.any(MimeMessage.class));

        SendResult refused = new EmailChatSender(mail, "referrals@vendor.com").send(message(OutboxKind.POST, "alice@acme.com"));

        assertThat(refused).isInstanceOf(SendResult.Permanent.class);
        assertThat(((SendResult.Permanent) refused).error()).contains("refused").doesNotContain("alice@acme.com");

        // a temporary answer (no invalid address) is retried, masked too
        Mockito.doThrow(new MailSendException("451 4.3.0 <alice@acme.com>: try again later"))
                .when(mail).send(Mockito.any(MimeMessage.class));
        SendResult later = new EmailChatSender(mail, "referrals@vendor.com").send(message(OutboxKind.POST, "alice@acme.com"));
        assertThat(later).isInstanceOf(SendResult.Failed.class);
        assertThat(((SendResult.Failed) later).error()).contains("try again later").doesNotContain("alice@acme.com");
    }
}
