package com.referralloop.chat.discord;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.spy;
import static org.mockito.Mockito.verify;

import com.referralloop.chat.ChatTarget;
import com.referralloop.chat.ChatUser;
import com.referralloop.chat.ChatMessage;
import com.referralloop.chat.Platform;
import com.referralloop.chat.outbox.Outbox;
import com.referralloop.chat.outbox.OutboxMessage;
import com.referralloop.chat.outbox.OutboxState;
import com.referralloop.command.ActionRouter;
import com.referralloop.command.ChatCommand;
import com.referralloop.command.CommandRouter;
import com.referralloop.followup.FollowUp;
import com.referralloop.followup.FollowUpActions;
import com.referralloop.followup.FollowUpOutcome;
import com.referralloop.followup.FollowUpState;
import com.referralloop.followup.MessageRef;
import com.referralloop.support.Http;
import com.referralloop.support.IntegrationTest;
import com.referralloop.support.WebhookSigner;
import java.time.Duration;
import java.util.Map;
import net.dv8tion.jda.api.components.label.Label;
import net.dv8tion.jda.api.modals.Modal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.InOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

/**
 * Discord interactions end to end: mocked JDA events (the {@link DiscordTester} harness) into the real
 * command layer, follow-up service and embedded MongoDB, with delivery to a local fake Discord API.
 */
@IntegrationTest
@Import(DiscordTestConfiguration.class)
class DiscordInteractionTest {

    static final String OWNER = "U-owner";

    @LocalServerPort
    int port;
    @Autowired
    MongoTemplate mongo;
    @Autowired
    CommandRouter commandRouter;
    @Autowired
    ActionRouter actionRouter;
    @Autowired
    Outbox outbox;

    final FakeDiscordApi discord = DiscordTestConfiguration.DISCORD;
    DiscordInteractionListener listener;
    FollowUp followUp;

    /** Lets the outbox finish what a test started (edits after clicks), so the next drop does not race it. */
    @AfterEach
    void settle() {
        await().atMost(Duration.ofSeconds(15)).until(() -> outbox.count(OutboxState.PENDING) == 0);
    }

    @BeforeEach
    void setUp() {
        // deleteMany, not drop(): dropping while the app's pollers write makes the embedded H2 backend fail
        mongo.getCollectionNames().forEach(n -> mongo.getCollection(n).deleteMany(new org.bson.Document()));
        discord.reset();
        listener = new DiscordInteractionListener(commandRouter, actionRouter, outbox, Runnable::run);
        Http http = new Http(port);
        String csv = """
                account_id,account_name,owner_email,owner_slack_id,owner_discord_id,manager_email,cs_channel,contact_email,contact_name
                A-1,Acme,rep@vendor.com,,%s,boss@vendor.com,,alice@acme.com,Alice Smith
                """.formatted(OWNER);
        assertThat(http.post("/api/accounts/import", "text/csv", csv, Map.of()).statusCode()).isEqualTo(200);
        String body = """
                {"responseId":"r-1","source":"nps","score":10,"comment":"Love it","email":"alice@acme.com","respondedAt":"2026-11-25T10:00:00Z"}
                """;
        assertThat(http.post("/webhooks/feedback", "application/json", body, WebhookSigner.headers(body)).statusCode()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(15)).until(() -> mongo.findAll(FollowUp.class).stream()
                .anyMatch(f -> f.messages().size() == 2));
        followUp = mongo.findAll(FollowUp.class).get(0);
    }

    DiscordTester owner() {
        return new DiscordTester().user(OWNER, "Rita").roles(DiscordTestConfiguration.MANAGER_ROLE);
    }

    FollowUp reload() {
        return mongo.findById(followUp.id(), FollowUp.class);
    }

    @Test
    void promoterOfADiscordOwnerIsPostedAsDmAndInTheCommunityChannelWithRoundTrippingRefs() {
        // GIVEN the follow-up created in setUp for an owner with a Discord id
        // THEN it went out twice over Discord's REST API, and both refs name channel and message
        // (the sender caches the DM channel, so it is opened at most once per run)
        assertThat(discord.requests("POST", "users/@me/channels")).hasSizeLessThanOrEqualTo(1);
        assertThat(discord.requests("POST", "channels/dm-" + OWNER + "/messages")).hasSize(1);
        assertThat(discord.requests("POST", "channels/" + DiscordTestConfiguration.COMMUNITY_CHANNEL + "/messages")).hasSize(1);
        assertThat(followUp.messages()).extracting(MessageRef::platform).containsOnly(Platform.DISCORD);
        assertThat(followUp.messages()).extracting(MessageRef::ref)
                .allSatisfy(ref -> assertThat(ref).matches("(dm-" + OWNER + "|C-community):\\d+"));
    }

    @Test
    void followUpListMineAnswersTheOwnerAndRefusesSomeoneWhoOwnsNothing() {
        // GIVEN the owner WHEN /followup list which:mine
        DiscordTester t = owner();
        listener.onSlashCommandInteraction(t.slash("followup", "list").option("which", "mine").build());
        // THEN the ephemeral answer lists the follow-up
        assertThat(t.lastAnswer()).contains(followUp.id()).contains("Acme");
        // GIVEN a member who owns nothing WHEN the same THEN a refusal that says what to type
        DiscordTester stranger = new DiscordTester().user("U-stranger", "Sam");
        listener.onSlashCommandInteraction(stranger.slash("followup", "list").build());
        assertThat(stranger.lastAnswer()).contains("Only account owners and referral-program admins may use /followup");
        DiscordTester all = new DiscordTester().user("U-stranger", "Sam");
        listener.onSlashCommandInteraction(all.slash("followup", "list").option("which", "overdue").build());
        assertThat(all.lastAnswer()).as("a stranger may not list others' follow-ups either")
                .contains("Only account owners and referral-program admins may use /followup");
        DiscordTester overdue = owner();
        listener.onSlashCommandInteraction(overdue.slash("followup", "list").option("which", "overdue").build());
        assertThat(overdue.lastAnswer()).contains("No open follow-ups (overdue)");
    }

    @Test
    void followUpCloseClosesInMongoAndRefusesAnUnknownId() {
        DiscordTester t = owner();
        listener.onSlashCommandInteraction(t.slash("followup", "close").option("id", followUp.id())
                .option("outcome", "resolved").option("note", "sent swag").build());
        assertThat(t.lastAnswer()).contains("Closed follow-up " + followUp.id());
        FollowUp closed = reload();
        assertThat(closed.state()).isEqualTo(FollowUpState.CLOSED);
        assertThat(closed.outcome()).isEqualTo(FollowUpOutcome.RESOLVED);
        assertThat(closed.outcomeNote()).isEqualTo("sent swag");
        assertThat(closed.lastActor()).isEqualTo("Rita");

        DiscordTester bad = owner();
        listener.onSlashCommandInteraction(bad.slash("followup", "close").option("id", "FNOPE999").option("outcome", "resolved").build());
        assertThat(bad.lastAnswer()).contains("no follow-up with id FNOPE999");
    }

    @Test
    void followUpAckAcknowledgesAndRefusesAClosedOne() {
        DiscordTester t = owner();
        listener.onSlashCommandInteraction(t.slash("followup", "ack").option("id", followUp.id()).build());
        assertThat(t.lastAnswer()).contains("Acknowledged follow-up " + followUp.id());
        assertThat(reload().state()).isEqualTo(FollowUpState.ACKNOWLEDGED);

        listener.onSlashCommandInteraction(owner().slash("followup", "close").option("id", followUp.id()).option("outcome", "declined").build());
        DiscordTester again = owner();
        listener.onSlashCommandInteraction(again.slash("followup", "ack").option("id", followUp.id()).build());
        assertThat(again.lastAnswer()).contains("closed");
        assertThat(reload().state()).isEqualTo(FollowUpState.CLOSED);
    }

    @Test
    void followUpSnoozeSnoozesAndRefusesAnUnreadableDuration() {
        DiscordTester t = owner();
        listener.onSlashCommandInteraction(t.slash("followup", "snooze").option("id", followUp.id()).option("for", "1d").build());
        assertThat(t.lastAnswer()).contains("Snoozed follow-up " + followUp.id());
        assertThat(reload().state()).isEqualTo(FollowUpState.SNOOZED);

        DiscordTester bad = owner();
        listener.onSlashCommandInteraction(bad.slash("followup", "snooze").option("id", followUp.id()).option("for", "forever").build());
        assertThat(bad.lastAnswer()).contains("'forever' is not a duration").contains("Usage: /followup snooze");
    }

    @Test
    void followUpShowShowsTheHistoryAndRefusesAnUnknownId() {
        DiscordTester t = owner();
        listener.onSlashCommandInteraction(t.slash("followup", "show").option("id", followUp.id()).build());
        assertThat(t.lastAnswer()).startsWith(followUp.id() + " promoter 10/10");

        DiscordTester bad = owner();
        listener.onSlashCommandInteraction(bad.slash("followup", "show").option("id", "FNOPE999").build());
        assertThat(bad.lastAnswer()).contains("no follow-up with id FNOPE999");
    }

    @Test
    void otherCommandsReachTheirSubCommandInTheSameGrammar() {
        // GIVEN typed options with a member mention, a choice and a group
        DiscordTester consent = owner();
        listener.onSlashCommandInteraction(consent.slash("referral", "consent").userOption("member", "U-alice")
                .option("level", "active").option("evidence", "call on 3 May").build());
        DiscordTester project = owner();
        listener.onSlashCommandInteraction(project.slash("reference", "project", "add").option("account", "A-1")
                .option("title", "Fast rollout").option("strengths", "speed").build());
        // THEN the router found the sub-command (a handler or the 'not built yet' answer), never 'no such sub-command'
        for (DiscordTester t : new DiscordTester[] {consent, project}) {
            assertThat(t.lastAnswer()).doesNotContain("has no sub-command").doesNotContain("Unknown command");
        }
    }

    @Test
    void slashCommandsAreDeferredBeforeTheRouterRuns() {
        // GIVEN a router we can watch
        CommandRouter watched = spy(commandRouter);
        DiscordInteractionListener l = new DiscordInteractionListener(watched, actionRouter, outbox, Runnable::run);
        DiscordTester t = owner();
        var event = t.slash("followup", "show").option("id", followUp.id()).build();
        // WHEN a slash command arrives
        l.onSlashCommandInteraction(event);
        // THEN it is deferred (ephemeral) and queued before the slow work, and answered through the hook after it
        InOrder order = inOrder(event, t.sent.defer, watched, t.sent.hook);
        order.verify(event).deferReply(true);
        order.verify(t.sent.defer).queue();
        order.verify(watched).handle(any(ChatCommand.class));
        order.verify(t.sent.hook).editOriginal(any(net.dv8tion.jda.api.utils.messages.MessageEditData.class));
    }

    @Test
    void anAnswerAfterTheTokenExpiredGoesOutAsADmThroughTheOutbox() {
        // GIVEN an interaction whose 15-minute token has run out by the time the answer is ready
        DiscordTester t = owner().expiredHook();
        // WHEN the command is answered
        listener.onSlashCommandInteraction(t.slash("followup", "show").option("id", followUp.id()).build());
        // THEN nothing is sent on the hook; the answer is delivered as a DM via the outbox
        verify(t.sent.hook, never()).editOriginal(any(net.dv8tion.jda.api.utils.messages.MessageEditData.class));
        OutboxMessage late = outbox.byDedupeKey("discord:late-reply:" + t.sent.interactionId).orElseThrow();
        assertThat(late.target()).isEqualTo(ChatTarget.of(Platform.DISCORD, "dm:" + OWNER));
        await().atMost(Duration.ofSeconds(10)).until(() -> discord.requests("POST", "channels/dm-" + OWNER + "/messages").stream()
                .anyMatch(r -> r.body().contains(followUp.id() + " promoter")));
    }

    @Test
    void aButtonClickChangesTheFollowUpAndEditsEveryCopy() {
        // GIVEN the posted follow-up WHEN Rita clicks "Snooze 1 day" on it
        DiscordTester t = owner();
        listener.onButtonInteraction(t.button(FollowUpActions.SNOOZE_DAY + ":" + followUp.id()));
        // THEN MongoDB has it snoozed by Rita, and the clicked message shows the new state and who acted
        assertThat(reload().state()).isEqualTo(FollowUpState.SNOOZED);
        String shown = DiscordTester.text(t.sent.messageEdits.getValue());
        assertThat(shown).contains("snoozed until").contains("last action by Rita");
        // AND every posted copy (DM and community channel) is edited through the outbox with its ref
        await().atMost(Duration.ofSeconds(10)).until(() -> discord.requests("PATCH", "messages/").size() == 2);
        for (MessageRef ref : reload().messages()) {
            String[] parts = ref.ref().split(":");
            assertThat(discord.requests("PATCH", "channels/" + parts[0] + "/messages/" + parts[1])).hasSize(1);
        }
    }

    @Test
    void notSuitableOpensAModalAtOnceAndItsSubmissionClosesTheFollowUp() {
        // GIVEN the posted follow-up WHEN "Not suitable" is clicked
        DiscordTester t = owner();
        listener.onButtonInteraction(t.button(FollowUpActions.NOT_SUITABLE + ":" + followUp.id()));
        // THEN a modal is the immediate answer (no defer first), asking for the reason
        Modal modal = t.sent.modals.getValue();
        verify(t.sent.button, never()).deferReply(true);
        assertThat(modal.getId()).isEqualTo("followup.not-suitable.submit:" + followUp.id());
        assertThat(((Label) modal.getComponents().get(0).asLabel()).getLabel()).contains("not suitable");
        // WHEN the modal is submitted
        DiscordTester submit = owner();
        listener.onModalInteraction(submit.modal(modal.getId(), "reason", "works for a competitor"));
        // THEN it was deferred, the follow-up is closed with the reason, and the answer shows the new state
        verify(submit.sent.defer).queue();
        FollowUp closed = reload();
        assertThat(closed.state()).isEqualTo(FollowUpState.CLOSED);
        assertThat(closed.outcome()).isEqualTo(FollowUpOutcome.NOT_SUITABLE);
        assertThat(closed.outcomeNote()).isEqualTo("works for a competitor");
        assertThat(submit.lastAnswer()).contains("closed: not-suitable");
    }

    @Test
    void aRateLimitedDeliveryWaitsForRetryAfterAndIsThenDelivered() {
        // GIVEN Discord will answer the next post to the community channel with 429 retry_after 0.3 s
        discord.script(429, "{\"message\":\"You are being rate limited.\",\"retry_after\":0.3,\"global\":false}",
                "channels/C-community/messages");
        // WHEN a message is queued for that channel
        outbox.enqueue("discord-test:429", ChatTarget.of(Platform.DISCORD, DiscordTestConfiguration.COMMUNITY_CHANNEL),
                ChatMessage.text("hello"), null);
        // THEN the worker is throttled once, waits, and delivers
        await().atMost(Duration.ofSeconds(10)).until(() -> outbox.byDedupeKey("discord-test:429").orElseThrow().state() == OutboxState.SENT);
        OutboxMessage m = outbox.byDedupeKey("discord-test:429").orElseThrow();
        assertThat(m.throttled()).isEqualTo(1);
        assertThat(m.attempts()).isEqualTo(1);
        assertThat(m.sentRef()).startsWith("C-community:");
        assertThat(Duration.between(m.createdAt(), m.sentAt())).isGreaterThanOrEqualTo(Duration.ofMillis(300));
    }

    @Test
    void theManagerRoleTravelsInChatUserRoles() {
        DiscordTester t = owner();
        var event = t.button("x:y");
        ChatUser user = listener.userOf(event.getUser(), event.getMember());
        assertThat(user.roles()).contains(DiscordTestConfiguration.MANAGER_ROLE);
        assertThat(user.platform()).isEqualTo(Platform.DISCORD);
        assertThat(user.id()).isEqualTo(OWNER);
        ChatUser inDm = listener.userOf(new DiscordTester().inDm().button("x:y").getUser(), null);
        assertThat(inDm.roles()).isEmpty();
    }

    @Test
    void aSlowButtonIsDeferredWithinTheBudgetAndAnsweredThroughTheHookLater() throws Exception {
        // GIVEN an action that takes longer than the button budget
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        ActionRouter slow = spy(actionRouter);
        org.mockito.Mockito.doAnswer(inv -> {
            release.await(10, java.util.concurrent.TimeUnit.SECONDS);
            return inv.callRealMethod();
        }).when(slow).handle(any());
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newSingleThreadExecutor();
        try {
            DiscordInteractionListener l = new DiscordInteractionListener(commandRouter, slow, outbox, pool, Duration.ofMillis(50));
            DiscordTester t = owner();
            // WHEN the button is clicked
            l.onButtonInteraction(t.button(FollowUpActions.SNOOZE_WEEK + ":" + followUp.id()));
            // THEN the click is deferred before the listener returns, and nothing was answered yet
            verify(t.sent.defer).queue();
            verify(t.sent.hook, never()).editOriginal(any(net.dv8tion.jda.api.utils.messages.MessageEditData.class));
            // WHEN the work finishes THEN the answer goes through the hook and the follow-up is snoozed
            release.countDown();
            verify(t.sent.hook, org.mockito.Mockito.timeout(10_000)).editOriginal(any(net.dv8tion.jda.api.utils.messages.MessageEditData.class));
            assertThat(reload().state()).isEqualTo(FollowUpState.SNOOZED);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void withoutATokenThereIsNoJdaAndNoDiscordConfiguration(@Autowired org.springframework.context.ApplicationContext context) {
        assertThat(context.getBeansOfType(net.dv8tion.jda.api.JDA.class)).isEmpty();
        assertThat(context.getBeansOfType(DiscordConfiguration.class)).isEmpty();
        assertThat(context.getBeansOfType(DiscordOffNotice.class)).hasSize(1);
    }
}
