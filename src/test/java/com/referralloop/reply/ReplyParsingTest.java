package com.referralloop.reply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.referralloop.reply.CustomerQuestion.Answer;
import com.referralloop.sla.SlaProperties;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Pure rules of reply handling: addresses, quoted text, answers, form bodies, tokens in addresses. */
class ReplyParsingTest {

    @Test
    void theSenderAddressIsTakenFromANamedFromHeader() {
        assertThat(FollowUpReplies.addressOf("Alice Smith <Alice@Acme.COM>")).isEqualTo("alice@acme.com");
        assertThat(FollowUpReplies.addressOf("bob@acme.com")).isEqualTo("bob@acme.com");
    }

    @Test
    void quotedHistoryIsDroppedButAReplyMadeOnlyOfQuotesIsKept() {
        assertThat(FollowUpReplies.stripQuoted("Sure!\n\nOn Tue, Nov 24, 2026 at 10:00, Bot wrote:\n> Would you?"))
                .isEqualTo("Sure!");
        assertThat(FollowUpReplies.stripQuoted("> only a quote")).isEqualTo("> only a quote");
    }

    @Test
    void answersAreReadFromTheFirstWords() {
        assertThat(Answer.fromText("Yes, happy to help")).contains(Answer.YES);
        assertThat(Answer.fromText("  maybe later, busy quarter")).contains(Answer.LATER);
        assertThat(Answer.fromText("No thanks")).contains(Answer.NO);
        assertThat(Answer.fromText("Nobody told me")).isEmpty();
        assertThat(Answer.fromText("Yesterday was fine")).isEmpty();
    }

    @Test
    void formBodiesAreReadInBothEncodingsAndFilesAreSkipped() {
        Map<String, String> url = InboundForm.parse("application/x-www-form-urlencoded; charset=utf-8",
                "from=a%40b.com&subject=Re%3A+hi&text=line+1%0Aline+2".getBytes(StandardCharsets.UTF_8));
        assertThat(url).containsEntry("from", "a@b.com").containsEntry("subject", "Re: hi").containsEntry("text", "line 1\nline 2");

        String multipart = "--B\r\nContent-Disposition: form-data; name=\"text\"\r\n\r\nhé\r\n"
                + "--B\r\nContent-Disposition: form-data; name=\"attachment1\"; filename=\"x.txt\"\r\n\r\nfile\r\n--B--\r\n";
        assertThat(InboundForm.parse("multipart/form-data; boundary=B", multipart.getBytes(StandardCharsets.UTF_8)))
                .containsExactly(Map.entry("text", "hé"));
        assertThat(InboundForm.parse("application/json", "{}".getBytes(StandardCharsets.UTF_8))).isNull();
    }

    @Test
    void theTokenIsFoundInTheReplyToAddressOrTheSubject() {
        String token = "fabc2345-0123456789abcdef01234567";
        assertThat(ReplyTokens.find("Bot <reply+" + token + "@x.io>, other@x.io", null)).contains(token);
        assertThat(ReplyTokens.find("support@x.io", "Re: Thanks [ref:" + token + "]")).contains(token);
        assertThat(ReplyTokens.find("support@x.io", "Re: Thanks")).isEqualTo(Optional.empty());
    }

    @Test
    void slaSharesAreCheckedAndTurnedIntoLeads() {
        SlaProperties props = new SlaProperties(null, null, null, null, null, null, null, null);
        assertThat(props.reminderLead(Duration.ofHours(48))).isEqualTo(Duration.ofHours(12));
        assertThat(props.secondEscalationAfter(Duration.ofHours(24))).isEqualTo(Duration.ofHours(12));
        assertThatThrownBy(() -> new SlaProperties(1.5, null, null, null, null, null, null, null))
                .hasMessageContaining("reminder-at");
    }
}
