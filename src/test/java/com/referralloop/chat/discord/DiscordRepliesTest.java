package com.referralloop.chat.discord;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.referralloop.chat.Platform;
import com.referralloop.chat.outbox.Outbox;
import com.referralloop.chat.outbox.OutboxState;
import com.referralloop.command.ActionRouter;
import com.referralloop.command.CommandRouter;
import com.referralloop.followup.CustomerReply;
import com.referralloop.followup.FollowUp;
import com.referralloop.followup.FollowUpEvent;
import com.referralloop.followup.MessageRef;
import com.referralloop.reply.CustomerQuestion;
import com.referralloop.reply.FollowUpReplies;
import com.referralloop.reply.UnmatchedReply;
import com.referralloop.support.Http;
import com.referralloop.support.IntegrationTest;
import com.referralloop.support.WebhookSigner;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Customer replies from Discord: mocked JDA message events (the {@link DiscordTester} harness) into the real
 * reply service, follow-ups and embedded MongoDB, with the owner's notice delivered to the local fake Discord API.
 */
@IntegrationTest
@Import(DiscordTestConfiguration.class)
class DiscordRepliesTest {

    static final String OWNER = "U-owner";
    static final String ALICE = "D-alice";
    static final String BOB = "D-bob";

    @LocalServerPort
    int port;
    @Autowired
    MongoTemplate mongo;
    @Autowired
    FollowUpReplies replies;
    @Autowired
    CommandRouter commandRouter;
    @Autowired
    ActionRouter actionRouter;
    @Autowired
    Outbox outbox;

    final FakeDiscordApi discord = DiscordTestConfiguration.DISCORD;
    DiscordReplyListener listener;
    Http http;

    @AfterEach
    void settle() {
        await().atMost(Duration.ofSeconds(15)).until(() -> outbox.count(OutboxState.PENDING) == 0);
    }

    @BeforeEach
    void setUp() {
        mongo.getCollectionNames().forEach(n -> mongo.getCollection(n).deleteMany(new org.bson.Document()));
        discord.reset();
        listener = new DiscordReplyListener(replies, Runnable::run);
        http = new Http(port);
        String csv = """
                account_id,account_name,owner_email,owner_slack_id,owner_discord_id,manager_email,cs_channel,contact_email,contact_name,contact_discord_id
                A-1,Acme,rep@vendor.com,,%s,boss@vendor.com,,alice@acme.com,Alice Smith,%s
                A-1,Acme,rep@vendor.com,,%s,boss@vendor.com,,bob@acme.com,Bob Jones,%s
                """.formatted(OWNER, ALICE, OWNER, BOB);
        assertThat(http.post("/api/accounts/import", "text/csv", csv, Map.of()).statusCode()).isEqualTo(200);
    }

    FollowUp postedFollowUp(String responseId, int score) {
        String body = """
                {"responseId":"%s","source":"nps","score":%d,"comment":"Love it","email":"alice@acme.com"}
                """.formatted(responseId, score);
        assertThat(http.post("/webhooks/feedback", "application/json", body, WebhookSigner.headers(body)).statusCode()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(15)).until(() -> mongo.findAll(FollowUp.class).stream()
                .anyMatch(f -> f.feedbackId().endsWith(responseId) && f.messages().size() == 2));
        return mongo.findAll(FollowUp.class).stream().filter(f -> f.feedbackId().endsWith(responseId)).findFirst().orElseThrow();
    }

    FollowUp reload(FollowUp f) {
        return mongo.findById(f.id(), FollowUp.class);
    }

    static String[] split(MessageRef ref) {
        return ref.ref().split(":", 2);
    }

    @Test
    void aReplyToTheFollowUpMessageInTheCommunityChannelLandsOnItAndTheOwnerIsToldAsAReplyToIt() {
        // GIVEN a follow-up posted as a DM to the owner and in the community channel
        FollowUp f = postedFollowUp("d-1", 10);
        MessageRef community = f.messages().stream().filter(m -> m.ref().startsWith(DiscordTestConfiguration.COMMUNITY_CHANNEL))
                .findFirst().orElseThrow();
        String[] where = split(community);

        // WHEN Bob (Alice's colleague) replies to that message in the channel
        listener.onMessageReceived(new DiscordTester().user(BOB, "Bob").message(where[0], "Alice speaks for us all",
                where[0], where[1], false));

        // THEN it is stored on the follow-up as Bob's reply via Discord
        assertThat(reload(f).replies()).singleElement().satisfies(r -> {
            assertThat(r.channel()).isEqualTo(Platform.DISCORD);
            assertThat(r.from()).isEqualTo("bob@acme.com");
            assertThat(r.text()).isEqualTo("Alice speaks for us all");
        });
        // AND the owner is told with a Discord reply to the follow-up's (first posted) message
        String[] first = split(reload(f).messages().get(0));
        await().atMost(Duration.ofSeconds(15)).until(() -> discord.requests("POST", "channels/" + first[0] + "/messages").stream()
                .anyMatch(r -> r.body().contains("message_reference")));
        JsonNode notice = JsonMapper.builder().build().readTree(discord.requests("POST", "channels/" + first[0] + "/messages").stream()
                .filter(r -> r.body().contains("message_reference")).findFirst().orElseThrow().body());
        assertThat(notice.path("message_reference").path("message_id").asString()).isEqualTo(first[1]);
        assertThat(notice.toString()).contains("Customer reply on follow-up " + f.id());
    }

    @Test
    void aDmFromAContactLandsOnTheirLatestOpenFollowUp() {
        FollowUp older = postedFollowUp("d-2", 9);
        FollowUp latest = postedFollowUp("d-3", 10);

        // WHEN Alice DMs the bot
        listener.onMessageReceived(new DiscordTester().user(ALICE, "Alice").inDm().message("dm-alice", "Happy to help", null, null, false));

        // THEN the reply is on her latest open follow-up only
        assertThat(reload(latest).replies()).extracting(CustomerReply::text).containsExactly("Happy to help");
        assertThat(reload(older).replies()).isEmpty();
        assertThat(reload(latest).events()).extracting(FollowUpEvent::type).contains("REPLY");
    }

    @Test
    void strangersAreKeptApartAndBotsChatterAndOtherRepliesAreIgnored() {
        FollowUp f = postedFollowUp("d-4", 10);
        String[] where = split(f.messages().get(0));

        // WHEN a stranger DMs the bot
        listener.onMessageReceived(new DiscordTester().user("D-stranger", "Sam").inDm().message("dm-sam", "hi?", null, null, false));
        // AND a stranger replies to the follow-up message
        listener.onMessageReceived(new DiscordTester().user("D-stranger2", "Kim").message(where[0], "me too", where[0], where[1], false));
        // AND a bot DMs, Alice chats in a channel, replies to someone else's message, and replies with no readable content
        listener.onMessageReceived(new DiscordTester().user("D-bot", "Bot").inDm().message("dm-bot", "beep", null, null, true));
        listener.onMessageReceived(new DiscordTester().user(ALICE, "Alice").message("C-general", "lunch?", null, null, false));
        listener.onMessageReceived(new DiscordTester().user(ALICE, "Alice").message("C-general", "re: lunch", "C-general", "42", false));
        listener.onMessageReceived(new DiscordTester().user(ALICE, "Alice").message(where[0], "", where[0], where[1], false));

        // THEN only the two strangers are kept, flagged; the follow-up has no reply
        assertThat(mongo.findAll(UnmatchedReply.class)).extracting(UnmatchedReply::from)
                .containsExactlyInAnyOrder("D-stranger", "D-stranger2");
        assertThat(mongo.findAll(UnmatchedReply.class)).allSatisfy(u -> assertThat(u.flagged()).isTrue());
        assertThat(reload(f).replies()).isEmpty();

        // AND a real reply from Alice still works (the filters above are not just closed)
        listener.onMessageReceived(new DiscordTester().user(ALICE, "Alice").message(where[0], "Count me in", where[0], where[1], false));
        assertThat(reload(f).replies()).extracting(CustomerReply::text).containsExactly("Count me in");
        assertThat(mongo.count(new Query(), UnmatchedReply.class)).isEqualTo(2);
    }

    @Test
    void customerShareButtonsFromDiscordOnlyAnswerForTheContact() {
        FollowUp f = postedFollowUp("d-5", 10);
        DiscordInteractionListener buttons = new DiscordInteractionListener(commandRouter, actionRouter, outbox, Runnable::run);

        // WHEN Bob clicks Alice's Yes THEN refused
        DiscordTester bob = new DiscordTester().user(BOB, "Bob").inDm();
        buttons.onButtonInteraction(bob.button(CustomerQuestion.YES + ":" + f.id()));
        assertThat(bob.sent.replies.getValue()).contains("only they can answer");
        assertThat(reload(f).events()).extracting(FollowUpEvent::type).doesNotContain("CONSENT_PROPOSED");

        // WHEN Alice clicks Yes THEN thanked, and a consent proposal is recorded with her answer
        DiscordTester alice = new DiscordTester().user(ALICE, "Alice").inDm();
        buttons.onButtonInteraction(alice.button(CustomerQuestion.YES + ":" + f.id()));
        assertThat(alice.sent.replies.getValue()).contains("Thank you");
        assertThat(reload(f).events()).extracting(FollowUpEvent::type).contains("CONSENT_PROPOSED");
        assertThat(reload(f).replies()).singleElement().satisfies(r -> assertThat(r.from()).isEqualTo("alice@acme.com"));
    }
}
