package com.referralloop.chat.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.referralloop.chat.ChatAction;
import com.referralloop.chat.ChatField;
import com.referralloop.chat.ChatMessage;
import com.referralloop.chat.outbox.SendResult;
import com.referralloop.command.ChatForm;
import com.referralloop.followup.FollowUpActions;
import com.slack.api.model.block.ActionsBlock;
import com.slack.api.model.block.HeaderBlock;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.SectionBlock;
import com.slack.api.model.view.View;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.IntStream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

/** Block Kit limits, escaping, form metadata, error mapping and the request check, without Spring. */
class SlackBlocksTest {

    @Property(tries = 200)
    void anyMessageFitsBlockKitLimits(@ForAll @StringLength(max = 400) String title,
                                      @ForAll @StringLength(max = 12_000) String text,
                                      @ForAll @IntRange(max = 40) int fieldCount,
                                      @ForAll @IntRange(max = 30) int actionCount) {
        List<ChatField> fields = IntStream.range(0, fieldCount).mapToObj(i -> new ChatField("L" + i, "v".repeat(i * 200))).toList();
        List<ChatAction> actions = IntStream.range(0, actionCount).mapToObj(i -> ChatAction.of("a" + i, "Label " + "x".repeat(i * 5), "F1")).toList();
        List<LayoutBlock> blocks = SlackBlocks.message(new ChatMessage(title, text, fields, actions, "footer"), "FABCDEFG", true);
        assertThat(blocks.size()).isLessThanOrEqualTo(50);
        for (LayoutBlock b : blocks) {
            if (b instanceof HeaderBlock h) {
                assertThat(h.getText().getText().length()).isLessThanOrEqualTo(150);
            } else if (b instanceof SectionBlock s) {
                if (s.getText() != null) {
                    assertThat(s.getText().getText().length()).isLessThanOrEqualTo(3000);
                }
                if (s.getFields() != null) {
                    assertThat(s.getFields()).hasSizeLessThanOrEqualTo(10);
                    s.getFields().forEach(f -> assertThat(f.getText().length()).isLessThanOrEqualTo(2000));
                }
            } else if (b instanceof ActionsBlock a) {
                assertThat(a.getElements()).hasSizeLessThanOrEqualTo(25);
            }
        }
    }

    @Test
    void longCommentIsCutAndGetsAShowFullCommentButton() {
        String text = "é&<>".repeat(2000);
        List<LayoutBlock> blocks = SlackBlocks.message(new ChatMessage("T", text, List.of(), List.of(), null), "FABCDEFG", true);
        SectionBlock body = (SectionBlock) blocks.get(1);
        assertThat(body.getText().getText()).endsWith("_(cut)_").doesNotContain("<").doesNotContain("&amp;amp;");
        assertThat(body.getText().getText()).doesNotMatch("(?s).*&[a-z]{0,3}$");
        ActionsBlock actions = (ActionsBlock) blocks.get(blocks.size() - 1);
        assertThat(actions.getElements().toString()).contains(FollowUpActions.SHOW_COMMENT).contains("FABCDEFG");
    }

    @Test
    void replyTextIsSplitIntoSections() {
        List<LayoutBlock> blocks = SlackBlocks.text("x".repeat(7000));
        assertThat(blocks).hasSize(3);
        assertThat(blocks).allSatisfy(b -> assertThat(((SectionBlock) b).getText().getText().length()).isLessThanOrEqualTo(3000));
    }

    @Test
    void modalRespectsTitleLengthAndEveryFieldType() {
        ChatForm form = new ChatForm("Record the customer's consent", "Save consent now please", "referral.consent.submit", "F1",
                List.of(ChatForm.Field.text("note", "Note", false),
                        new ChatForm.Field("quote", "Quote", ChatForm.Type.MULTILINE, List.of(), true, "their words"),
                        new ChatForm.Field("level", "Level", ChatForm.Type.SELECT, List.of("passive", "active"), true, null),
                        new ChatForm.Field("scope", "Scope", ChatForm.Type.MULTISELECT, List.of("logo", "quote"), false, null),
                        new ChatForm.Field("expires", "Expires", ChatForm.Type.DATE, List.of(), false, null)));
        View v = SlackBlocks.modal(form, new SlackFormMetadata("referral.consent.submit", "F1", "https://hooks/x", "D1", true).toJson());
        assertThat(v.getTitle().getText().length()).isLessThanOrEqualTo(24);
        assertThat(v.getSubmit().getText().length()).isLessThanOrEqualTo(24);
        assertThat(v.getBlocks()).hasSize(5);
        assertThat(v.getBlocks().toString()).contains("plain_text_input").contains("static_select")
                .contains("multi_static_select").contains("datepicker");
        SlackFormMetadata back = SlackFormMetadata.parse(v.getPrivateMetadata());
        assertThat(back).isEqualTo(new SlackFormMetadata("referral.consent.submit", "F1", "https://hooks/x", "D1", true));
    }

    @Test
    void formMetadataStaysWithinThreeThousandCharacters() {
        String json = new SlackFormMetadata("a", "v".repeat(2900), "https://hooks/" + "r".repeat(200), null, false).toJson();
        assertThat(json.length()).isLessThanOrEqualTo(3000);
        assertThat(SlackFormMetadata.parse(json).responseUrl()).isNull();
        assertThatThrownBy(() -> new SlackFormMetadata("a", "v".repeat(3100), null, null, false).toJson())
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(SlackFormMetadata.parse("not json")).isNull();
    }

    @Test
    void slackErrorsMapToOutboxOutcomes() {
        assertThat(SlackChatSender.fromError("channel_not_found", "x")).isInstanceOf(SendResult.Permanent.class);
        assertThat(SlackChatSender.fromError("not_in_channel", "x")).isInstanceOf(SendResult.Permanent.class);
        assertThat(SlackChatSender.fromError("account_inactive", "x")).isInstanceOf(SendResult.Permanent.class);
        assertThat(SlackChatSender.fromError("user_not_found", "x")).isInstanceOf(SendResult.Permanent.class);
        assertThat(SlackChatSender.fromError("internal_error", "x")).isInstanceOf(SendResult.Failed.class);
        assertThat(SlackChatSender.fromError("invalid_auth", "x")).isInstanceOf(SendResult.Failed.class);
        assertThat(SlackChatSender.fromError("ratelimited", "x")).isInstanceOf(SendResult.Throttled.class);
        assertThat(SlackChatSender.retryAfter("30")).isEqualTo(Duration.ofSeconds(30));
        assertThat(SlackChatSender.retryAfter("soon")).isEqualTo(Duration.ofSeconds(1));
        assertThat(SlackChatSender.retryAfter(null)).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void refsAndDestinationsRoundTrip() {
        assertThat(SlackRef.parse("D123:1700000000.000100")).isEqualTo(new SlackRef("D123", "1700000000.000100"));
        assertThat(SlackRef.parse(new SlackRef("C1", "1.2").toString())).isEqualTo(new SlackRef("C1", "1.2"));
        assertThatThrownBy(() -> SlackRef.parse("no-colon")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SlackRef.parse("C1:")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SlackRef.parse(null)).isInstanceOf(IllegalArgumentException.class);
        String d = SlackDestinations.byEmail("rep@vendor.com", "A-1");
        assertThat(SlackDestinations.isEmail(d)).isTrue();
        assertThat(SlackDestinations.email(d)).isEqualTo("rep@vendor.com");
        assertThat(SlackDestinations.accountId(d)).isEqualTo("A-1");
        assertThat(SlackDestinations.isUser("U0123ABC")).isTrue();
        assertThat(SlackDestinations.isUser("C0123ABC")).isFalse();
    }

    @Test
    void verifierRefusesOldFutureAndForgedRequestsInConstantTime() {
        SlackRequestVerifier v = new SlackRequestVerifier("secret", Duration.ofMinutes(5));
        Instant now = Instant.parse("2026-11-25T12:00:00Z");
        byte[] body = "a=1&b=%C3%A9".getBytes(StandardCharsets.UTF_8);
        String ts = Long.toString(now.getEpochSecond());
        String good = sign("secret", ts, body);
        assertThat(v.problem(ts, good, body, now)).isNull();
        assertThat(v.problem(ts, good, body, now.plusSeconds(300))).isNull();
        assertThat(v.problem(ts, good, body, now.plusSeconds(301))).contains("away");
        assertThat(v.problem(ts, good, body, now.minusSeconds(301))).contains("away");
        assertThat(v.problem(ts, sign("other", ts, body), body, now)).isEqualTo("bad signature");
        assertThat(v.problem(ts, good.toUpperCase(), body, now)).isEqualTo("bad signature");
        assertThat(v.problem(ts, good, "a=2".getBytes(StandardCharsets.UTF_8), now)).isEqualTo("bad signature");
        assertThat(v.problem(null, good, body, now)).contains("missing");
        assertThat(v.problem("12x", good, body, now)).contains("not a number");
        // Bolt's own generator agrees with ours
        assertThat(new com.slack.api.app_backend.SlackSignature.Generator("secret").generate(ts, new String(body, StandardCharsets.UTF_8)))
                .isEqualTo(good);
    }

    @Test
    void propertiesNeverPrintSecretsAndSlackIsOffWithoutABotToken() {
        SlackProperties on = new SlackProperties("xoxb-very-secret", "signing-very-secret", "xapp-very-secret",
                "http://127.0.0.1:9/api", "C1", null, null, null, null);
        assertThat(on.toString()).doesNotContain("very-secret").contains("***").contains("C1");
        assertThat(on.enabled()).isTrue();
        assertThat(on.socketMode()).isTrue();
        assertThat(on.apiUrl()).isEqualTo("http://127.0.0.1:9/api/");
        assertThat(on.ackBudget()).isEqualTo(Duration.ofSeconds(2));
        SlackProperties off = new SlackProperties("  ", null, "", null, null, null, null, null, null);
        assertThat(off.enabled()).isFalse();
        assertThat(off.socketMode()).isFalse();
    }

    @Test
    void npsIsPromotersMinusDetractorsInPercent() {
        assertThat(SlackHomeTab.nps(6, 2, 10)).isEqualTo(40);
        assertThat(SlackHomeTab.nps(0, 3, 3)).isEqualTo(-100);
        assertThat(SlackHomeTab.nps(0, 0, 0)).isZero();
    }

    static String sign(String secret, String ts, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update(("v0:" + ts + ":").getBytes(StandardCharsets.UTF_8));
            return "v0=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

}
