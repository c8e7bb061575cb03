package com.referralloop.chat.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.referralloop.chat.ChatUser;
import com.referralloop.chat.Platform;
import com.referralloop.chat.outbox.OutboxMessage;
import com.referralloop.chat.outbox.OutboxState;
import com.referralloop.command.ActionInvocation;
import com.referralloop.command.ActionRouter;
import com.referralloop.command.ChatReply;
import com.referralloop.followup.FollowUp;
import com.referralloop.reply.CustomerQuestion;
import com.referralloop.reply.ReplyTokens;
import com.referralloop.sla.SlaFixtures;
import com.referralloop.support.Http;
import com.referralloop.support.IntegrationTest;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** A customer who prefers email gets the customer question as a real email, over SMTP (GreenMail in-process). */
@IntegrationTest
class EmailDeliveryTest {

    static final ChatUser REP = new ChatUser(Platform.SLACK, "U-REP", "rep", "rep@vendor.com");
    static final GreenMail SMTP = new GreenMail(ServerSetupTest.SMTP.dynamicPort());

    static {
        SMTP.start();
    }

    @DynamicPropertySource
    static void smtp(DynamicPropertyRegistry registry) {
        registry.add("referral.email.smtp-host", () -> "127.0.0.1");
        registry.add("referral.email.smtp-port", () -> SMTP.getSmtp().getPort());
        registry.add("referral.email.smtp-starttls", () -> "false");
        registry.add("referral.email.from", () -> "referrals@vendor.com");
        registry.add("referral.sla.reply-domain", () -> "replies.example.com");
    }

    @AfterAll
    static void stop() {
        SMTP.stop();
    }

    @LocalServerPort
    int port;
    @Autowired
    MongoTemplate mongo;
    @Autowired
    ActionRouter actions;
    @Autowired
    ReplyTokens tokens;

    SlaFixtures fx;

    @BeforeEach
    void setUp() throws Exception {
        SlaFixtures.clean(mongo);
        SMTP.purgeEmailFromAllMailboxes();
        fx = new SlaFixtures(new Http(port), mongo);
        fx.importAccounts();
    }

    @Test
    void anEmailPromoterGetsTheQuestionByEmailWithTheAddressThatBringsHerAnswerBack() throws Exception {
        // GIVEN Alice, a promoter who prefers email
        FollowUp f = fx.answer("mail-1", 9, "alice@acme.com");

        // WHEN the rep asks her from the follow-up's button
        ChatReply asked = actions.handle(new ActionInvocation(CustomerQuestion.ASK, f.id(), REP, Map.of()));

        // THEN one email reaches her mailbox, from the configured address, with the reply token and Reply-To
        assertThat(asked.error()).as(asked.text()).isFalse();
        assertThat(asked.text()).doesNotContain("log");
        await().atMost(Duration.ofSeconds(15)).until(() -> SMTP.getReceivedMessages().length == 1);
        MimeMessage mail = SMTP.getReceivedMessages()[0];
        String token = tokens.tokenFor(f.id());
        assertThat(mail.getAllRecipients()).extracting(Object::toString).containsExactly("alice@acme.com");
        assertThat(mail.getFrom()).extracting(Object::toString).containsExactly("referrals@vendor.com");
        assertThat(mail.getSubject()).contains("[ref:" + token + "]").contains("Alice");
        assertThat(mail.getReplyTo()).extracting(a -> ((InternetAddress) a).getAddress())
                .containsExactly(tokens.replyAddress(f.id()).orElseThrow());
        String body = GreenMailUtil.getBody(mail);
        assertThat(body).contains("9/10").contains("YES, MAYBE LATER or NO").doesNotContain("Reply-To:");
        // AND the outbox holds it as sent to email, with the Message-ID as its reference
        OutboxMessage q = fx.outbox("followup:" + f.id() + ":ask-customer").get(0);
        assertThat(q.target().platform()).isEqualTo(Platform.EMAIL);
        await().atMost(Duration.ofSeconds(10)).until(() -> fx.outbox("followup:" + f.id() + ":ask-customer").get(0)
                .state() == OutboxState.SENT);
        assertThat(fx.outbox("followup:" + f.id() + ":ask-customer").get(0).sentRef()).isEqualTo(mail.getMessageID())
                .endsWith("@vendor.com>");
        assertThat(fx.reload(f.id()).events()).anySatisfy(e -> assertThat(e.note()).contains("via email")
                .doesNotContain("log"));
    }
}
