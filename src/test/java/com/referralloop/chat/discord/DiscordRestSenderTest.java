package com.referralloop.chat.discord;

import static org.assertj.core.api.Assertions.assertThat;

import com.referralloop.chat.ChatAction;
import com.referralloop.chat.ChatField;
import com.referralloop.chat.ChatMessage;
import com.referralloop.chat.ChatTarget;
import com.referralloop.chat.Platform;
import com.referralloop.chat.outbox.OutboxMessage;
import com.referralloop.chat.outbox.OutboxMessage.OutboxKind;
import com.referralloop.chat.outbox.OutboxState;
import com.referralloop.chat.outbox.SendResult;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import net.dv8tion.jda.api.utils.data.DataArray;
import net.dv8tion.jda.api.utils.data.DataObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The Discord sender against a local fake of Discord's REST API: statuses map to outbox results. */
class DiscordRestSenderTest {

    private final FakeDiscordApi discord = new FakeDiscordApi();
    private final DiscordRestSender sender = new DiscordRestSender(discord.baseUrl(), "test-token");

    @AfterEach
    void stop() {
        discord.close();
    }

    static OutboxMessage post(String destination, ChatMessage m) {
        return new OutboxMessage("o1", "k1", OutboxKind.POST, ChatTarget.of(Platform.DISCORD, destination), m, "F1",
                OutboxState.PENDING, 0, 0, Instant.now(), Instant.now(), null, null, null, null, null);
    }

    static ChatMessage followUpLike() {
        return new ChatMessage("Promoter: Alice gave 9/10", "“Great support”",
                List.of(new ChatField("Account", "Acme"), new ChatField("State", "open")),
                List.of(new ChatAction("followup.ask-referral", "Ask for a referral", "FABC2345", ChatAction.Style.PRIMARY),
                        ChatAction.of("followup.snooze-1d", "Snooze 1 day", "FABC2345")),
                "Follow-up FABC2345");
    }

    @Test
    void dmOpensTheChannelThenPostsAnEmbedWithButtonsAndReturnsAChannelMessageRef() {
        // GIVEN a follow-up message for a Discord user
        // WHEN it is sent as a DM
        SendResult r = sender.send(post("dm:42", followUpLike()));
        // THEN a DM channel is opened, the embed and buttons are posted, and the ref names channel and message
        assertThat(r).isInstanceOf(SendResult.Sent.class);
        assertThat(((SendResult.Sent) r).ref()).matches("dm-42:\\d+");
        assertThat(discord.requests("POST", "users/@me/channels")).hasSize(1);
        FakeDiscordApi.Request msg = discord.requests("POST", "channels/dm-42/messages").get(0);
        assertThat(msg.authorization()).isEqualTo("Bot test-token");
        DataObject embed = msg.json().getArray("embeds").getObject(0);
        assertThat(embed.getString("title")).isEqualTo("Promoter: Alice gave 9/10");
        DataArray buttons = msg.json().getArray("components").getObject(0).getArray("components");
        assertThat(buttons.getObject(0).getString("custom_id")).isEqualTo("followup.ask-referral:FABC2345");
        // a second DM to the same user reuses the channel
        sender.send(post("dm:42", followUpLike()));
        assertThat(discord.requests("POST", "users/@me/channels")).hasSize(1);
    }

    @Test
    void rateLimitIsReportedAsThrottledWithRetryAfterThenDelivered() {
        // GIVEN Discord answers the first post with 429 retry_after 1.5 s
        discord.script(429, "{\"message\":\"You are being rate limited.\",\"retry_after\":1.5,\"global\":false}", "channels/C1/messages");
        // WHEN the outbox sends twice
        SendResult first = sender.send(post("C1", followUpLike()));
        SendResult second = sender.send(post("C1", followUpLike()));
        // THEN the first is throttled for exactly retry_after and the second delivered
        assertThat(first).isEqualTo(new SendResult.Throttled(Duration.ofMillis(1500)));
        assertThat(second).isInstanceOf(SendResult.Sent.class);
        assertThat(discord.requests("POST", "channels/C1/messages")).hasSize(2);
    }

    @Test
    void serverErrorsAreRetriedAndUnknownChannelsAreNot() {
        discord.script(502, "bad gateway", "channels/C1/messages");
        assertThat(sender.send(post("C1", followUpLike()))).isInstanceOf(SendResult.Failed.class);
        discord.script(404, "{\"message\":\"Unknown Channel\",\"code\":10003}", "channels/C404/messages");
        SendResult gone = sender.send(post("C404", followUpLike()));
        assertThat(gone).isInstanceOf(SendResult.Permanent.class);
        assertThat(((SendResult.Permanent) gone).error()).contains("10003");
        discord.script(403, "{\"message\":\"Missing Access\",\"code\":50001}", "channels/C403/messages");
        assertThat(sender.send(post("C403", followUpLike()))).isInstanceOf(SendResult.Permanent.class);
    }

    @Test
    void updateEditsTheMessageNamedByTheRefAndDropsButtonsWhenNoneAreLeft() {
        ChatMessage closed = new ChatMessage("Promoter", "done", List.of(), List.of(), "closed by Maya");
        OutboxMessage update = new OutboxMessage("o2", "k2", OutboxKind.UPDATE, new ChatTarget(Platform.DISCORD, "C1", "C1:777"),
                closed, "F1", OutboxState.PENDING, 0, 0, Instant.now(), Instant.now(), null, null, null, null, null);
        SendResult r = sender.send(update);
        assertThat(r).isEqualTo(SendResult.sent("C1:777"));
        FakeDiscordApi.Request patch = discord.requests("PATCH", "channels/C1/messages/777").get(0);
        assertThat(patch.json().getArray("components").length()).isZero();
        assertThat(patch.json().getArray("embeds").getObject(0).getObject("footer").getString("text")).isEqualTo("closed by Maya");
    }

    @Test
    void oversizedMessagesAreCutToDiscordLimits() {
        List<ChatField> fields = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            fields.add(new ChatField("field " + i, "v".repeat(2000)));
        }
        List<ChatAction> actions = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            actions.add(ChatAction.of("a" + i, "Button " + i, "F" + i));
        }
        actions.add(ChatAction.of("too-long", "x", "v".repeat(120)));
        ChatMessage huge = new ChatMessage("t".repeat(300), "d".repeat(5000), fields, actions, "f");
        var embed = DiscordMessageRenderer.embed(huge);
        assertThat(embed.getTitle()).hasSize(256);
        assertThat(embed.getFields()).hasSizeLessThanOrEqualTo(25).allSatisfy(f -> assertThat(f.getValue()).hasSizeLessThanOrEqualTo(1024));
        assertThat(embed.getLength()).isLessThanOrEqualTo(6000);
        var rows = DiscordMessageRenderer.rows(actions);
        assertThat(rows).hasSize(5).allSatisfy(row -> assertThat(row.getButtons()).hasSizeLessThanOrEqualTo(5));
        assertThat(rows.stream().flatMap(r -> r.getButtons().stream()))
                .allSatisfy(b -> assertThat(b.getCustomId()).hasSizeLessThanOrEqualTo(100));
        assertThat(sender.send(post("C1", huge))).isInstanceOf(SendResult.Sent.class);
    }
}
