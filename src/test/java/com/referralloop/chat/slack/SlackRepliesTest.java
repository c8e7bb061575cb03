package com.referralloop.chat.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.referralloop.chat.Platform;
import com.referralloop.chat.outbox.OutboxMessage;
import com.referralloop.chat.outbox.OutboxState;
import com.referralloop.followup.CustomerReply;
import com.referralloop.followup.FollowUp;
import com.referralloop.followup.FollowUpEvent;
import com.referralloop.followup.MessageRef;
import com.referralloop.reply.CustomerQuestion;
import com.referralloop.reply.UnmatchedReply;
import com.referralloop.retention.RetentionJob;
import com.referralloop.support.FakeSlackApi;
import com.referralloop.support.SlackRequestSigner;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/**
 * Customer replies from Slack over real signed Events API requests: thread replies under a follow-up posted to a
 * shared channel, DMs to the bot, strangers, retries, the bot's own messages, and the customer-question buttons.
 */
class SlackRepliesTest extends SlackTestBase {

    static final String ALICE = "UALICE";
    static final String BOB = "UBOB";

    String owner;

    @Autowired
    RetentionJob retention;

    @BeforeEach
    void accounts() {
        owner = freshUserId();
        // Acme's customer-success channel CCS is a Slack Connect channel Alice and Bob are in
        importAccounts("""
                account_id,account_name,owner_email,owner_slack_id,owner_discord_id,manager_email,cs_channel,contact_email,contact_name,contact_slack_id
                A-1,Acme,rep@vendor.com,%s,,boss@vendor.com,CCS,alice@acme.com,Alice Smith,%s
                A-1,Acme,rep@vendor.com,%s,,boss@vendor.com,CCS,bob@acme.com,Bob Jones,%s
                """.formatted(owner, ALICE, owner, BOB));
    }

    @Test
    void aContactsReplyInTheFollowUpsThreadLandsOnItAndTheOwnerIsToldInThatThread() {
        // GIVEN a detractor follow-up posted to the shared channel CCS
        feedback("r-1", 3, "alice@acme.com", "Slow support");
        FollowUp f = postedFollowUp("r-1");
        String ts = slackRef(f, "CCS").ts();
        slack.reset();

        // WHEN Bob, Alice's colleague, replies in the thread of that message
        HttpResponse<String> r = event(messageEvent("EvReply1", "CCS", "channel", BOB, "We &amp; our team are on it &lt;3",
                "1700000500.000001", ts));

        // THEN Slack is acknowledged and the reply is on that follow-up, unescaped
        assertThat(r.statusCode()).isEqualTo(200);
        List<CustomerReply> replies = followUp(f.id()).replies();
        assertThat(replies).singleElement().satisfies(reply -> {
            assertThat(reply.channel()).isEqualTo(Platform.SLACK);
            assertThat(reply.from()).isEqualTo("bob@acme.com");
            assertThat(reply.text()).isEqualTo("We & our team are on it <3");
        });
        assertThat(followUp(f.id()).events()).extracting(FollowUpEvent::type).contains("REPLY");
        // AND the owner is told in the follow-up's thread
        FakeSlackApi.Call notice = awaitPost(c -> ts.equals(c.param("thread_ts")));
        assertThat(notice.param("channel")).isEqualTo("CCS");
        assertThat(notice.param("text")).contains("Customer reply on follow-up " + f.id()).contains("bob@acme.com");
    }

    @Test
    void erasingAContactEditsTheReplyNoticesAlreadyPostedInSlack() throws Exception {
        // GIVEN Bob replied in a follow-up's thread and the owner's notice quoting him was posted there
        String noticeTs = noticeQuotingBob("r-9", "EvErase1", "Call me on 555-0100").ts();
        slack.reset();

        // WHEN Bob's data is erased
        HttpResponse<String> r = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://127.0.0.1:" + port + "/api/contacts/bob@acme.com")).DELETE().build(),
                HttpResponse.BodyHandlers.ofString());

        // THEN the notice in Slack is edited to say so, and no edit anywhere still quotes him
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.body()).contains("\"chatMessagesEdited\":1");
        await().atMost(Duration.ofSeconds(15)).until(() -> slack.calls("chat.update").stream()
                .anyMatch(c -> noticeTs.equals(c.param("ts"))));
        assertThat(slack.calls("chat.update")).filteredOn(c -> noticeTs.equals(c.param("ts"))).singleElement()
                .satisfies(c -> {
                    assertThat(c.param("channel")).isEqualTo("CCS");
                    assertThat(c.param("text")).contains("[erased]");
                });
        assertThat(slack.calls("chat.update")).allSatisfy(c -> assertThat(String.valueOf(c.params()) + c.body())
                .doesNotContain("555-0100").doesNotContain("bob@acme.com"));
    }

    @Test
    void erasingAContactAfterTheSentMessagesWereArchivedStillEditsThemInSlackAndRedactsTheArchive() throws Exception {
        // GIVEN Bob's reply quoted in a notice posted to Slack, and every sent row moved to the archive since
        Notice notice = noticeQuotingBob("r-10", "EvErase2", "Call me on 555-0199");
        String noticeTs = notice.ts();
        mongo.updateMulti(Query.query(Criteria.where("state")
                        .is(OutboxState.SENT)),
                new Update().set("sentAt",
                        Instant.now().minus(Duration.ofMinutes(11))), OutboxMessage.class);
        retention.archiveOnce();
        assertThat(mongo.getCollection("outbox_sent").countDocuments(new Document("subjectId", "notice:" + notice.followUpId())))
                .isEqualTo(1);
        slack.reset();

        // WHEN Bob's data is erased
        HttpResponse<String> r = http.delete("/api/contacts/bob@acme.com", Map.of());

        // THEN the archived notice is found and edited in Slack, and no archived copy still quotes him
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.body()).contains("\"chatMessagesEdited\":1");
        await().atMost(Duration.ofSeconds(15)).until(() -> slack.calls("chat.update").stream()
                .anyMatch(c -> noticeTs.equals(c.param("ts")) && c.param("text").contains("[erased]")));
        assertThat(mongo.getCollection("outbox_sent").find().into(new ArrayList<>()))
                .isNotEmpty().allSatisfy(d -> assertThat(d.toJson())
                        .doesNotContain("555-0199").doesNotContain("bob@acme.com"));
    }

    /** The owner's notice quoting a reply of Bob's, posted in a detractor follow-up's thread in CCS. */
    private record Notice(String followUpId, String ts) { }

    private Notice noticeQuotingBob(String responseId, String eventId, String text) {
        feedback(responseId, 3, "alice@acme.com", "Slow support");
        FollowUp f = postedFollowUp(responseId);
        String ts = slackRef(f, "CCS").ts();
        event(messageEvent(eventId, "CCS", "channel", BOB, text, "1700000900.000001", ts));
        awaitPost(c -> ts.equals(c.param("thread_ts")) && c.param("text").contains("bob@acme.com"));
        await().atMost(Duration.ofSeconds(10)).until(() -> noticeRef(f.id()) != null);
        return new Notice(f.id(), noticeRef(f.id()).substring(noticeRef(f.id()).indexOf(':') + 1));
    }

    /** Where the owner's notice about a reply on the follow-up was posted ({@code channel:ts}), once sent. */
    private String noticeRef(String followUpId) {
        return mongo.find(Query.query(org.springframework.data.mongodb.core.query.Criteria.where("subjectId")
                        .is("notice:" + followUpId)), com.referralloop.chat.outbox.OutboxMessage.class).stream()
                .map(com.referralloop.chat.outbox.OutboxMessage::sentRef).filter(java.util.Objects::nonNull)
                .findFirst().orElse(null);
    }

    @Test
    void aDmFromAContactLandsOnTheirLatestOpenFollowUpAndTheOwnerIsToldUnderIt() {
        // GIVEN Alice has an older and a newer open promoter follow-up, both DMed to the owner
        feedback("r-2", 9, "alice@acme.com", "Good");
        FollowUp older = postedFollowUp("r-2");
        feedback("r-3", 10, "alice@acme.com", "Great");
        FollowUp latest = postedFollowUp("r-3");
        String ts = slackRef(latest, "D" + owner).ts();

        // WHEN Alice DMs the bot
        assertThat(event(messageEvent("EvDm1", "DALICEBOT", "im", ALICE, "Happy to talk to a peer", "1700000600.000001", null))
                .statusCode()).isEqualTo(200);

        // THEN the reply is on the latest open follow-up only
        assertThat(followUp(latest.id()).replies()).extracting(CustomerReply::text).containsExactly("Happy to talk to a peer");
        assertThat(followUp(older.id()).replies()).isEmpty();
        // AND the owner reads it in the thread of that follow-up in their DM
        FakeSlackApi.Call notice = awaitPost(c -> ts.equals(c.param("thread_ts")));
        assertThat(notice.param("channel")).isEqualTo("D" + owner);
        assertThat(notice.param("text")).contains(latest.id());
    }

    @Test
    void aDmFromAnIdTheImportLackedIsMatchedByTheSlackProfileEmailAndTheIdIsKept() {
        // GIVEN Carla was imported by email only, and Slack shows her profile email
        importAccounts("""
                account_id,account_name,owner_email,owner_slack_id,contact_email,contact_name
                A-1,Acme,rep@vendor.com,%s,carla@acme.com,Carla Diaz
                """.formatted(owner));
        slack.user("UCARLA1", "Carla@Acme.com");
        feedback("r-9", 9, "carla@acme.com", "Lovely");
        FollowUp f = postedFollowUp("r-9");

        // WHEN she DMs the bot from her Slack id
        assertThat(event(messageEvent("EvCarla1", "DCARLA", "im", "UCARLA1", "Sure, happy to help", "1700000610.000001", null))
                .statusCode()).isEqualTo(200);

        // THEN the reply is on her follow-up, and her Slack id is stored on the contact for next time
        await().atMost(java.time.Duration.ofSeconds(10)).until(() -> !followUp(f.id()).replies().isEmpty());
        assertThat(followUp(f.id()).replies()).extracting(CustomerReply::text).containsExactly("Sure, happy to help");
        assertThat(mongo.findById("carla@acme.com", com.referralloop.account.Contact.class).slackUserId()).isEqualTo("UCARLA1");
        assertThat(mongo.findAll(UnmatchedReply.class)).isEmpty();
    }

    @Test
    void anUnknownSenderIsKeptApartAndNothingIsAttached() {
        feedback("r-4", 3, "alice@acme.com", "Meh");
        FollowUp f = postedFollowUp("r-4");
        String ts = slackRef(f, "CCS").ts();

        // WHEN a stranger DMs the bot, and another stranger writes in the follow-up's thread
        event(messageEvent("EvStranger1", "DSTRANGER", "im", "USTRANGER", "who are you?", "1700000700.000001", null));
        event(messageEvent("EvStranger2", "CCS", "channel", "USTRANGER2", "me too", "1700000700.000002", ts));

        // THEN both are kept in unmatched_replies, flagged; the thread one names the follow-up as a hint
        List<UnmatchedReply> kept = mongo.findAll(UnmatchedReply.class);
        assertThat(kept).extracting(UnmatchedReply::from).containsExactlyInAnyOrder("USTRANGER", "USTRANGER2");
        assertThat(kept).allSatisfy(u -> assertThat(u.flagged()).isTrue());
        assertThat(kept).filteredOn(u -> u.from().equals("USTRANGER2")).singleElement()
                .satisfies(u -> assertThat(u.followUpHint()).isEqualTo(f.id()));
        assertThat(followUp(f.id()).replies()).isEmpty();
    }

    @Test
    void aRetriedMessageEventAttachesOnce() {
        feedback("r-5", 3, "alice@acme.com", "Slow");
        FollowUp f = postedFollowUp("r-5");
        String ts = slackRef(f, "CCS").ts();
        String body = messageEvent("EvRetry1", "CCS", "channel", ALICE, "Any news?", "1700000800.000001", ts);

        // WHEN Slack delivers the event and retries it twice
        HttpResponse<String> first = event(body);
        Map<String, String> retry = new HashMap<>(SlackRequestSigner.headers(body));
        retry.put("X-Slack-Retry-Num", "1");
        retry.put("X-Slack-Retry-Reason", "http_timeout");
        HttpResponse<String> second = http.post(SlackConfiguration.PATH, "application/json", body, retry);
        HttpResponse<String> third = event(body);

        // THEN all are acknowledged and the reply is stored once, with one notice to the owner queued
        assertThat(List.of(first.statusCode(), second.statusCode(), third.statusCode())).containsOnly(200);
        assertThat(followUp(f.id()).replies()).hasSize(1);
        assertThat(followUp(f.id()).events()).filteredOn(e -> "REPLY".equals(e.type())).hasSize(1);
        assertThat(mongo.count(Query.query(org.springframework.data.mongodb.core.query.Criteria.where("dedupeKey")
                .regex("^followup:" + f.id() + ":reply:")), com.referralloop.chat.outbox.OutboxMessage.class)).isEqualTo(1);
    }

    @Test
    void theBotsOwnMessagesEditsAndChannelChatterAreNotReplies() {
        feedback("r-6", 3, "alice@acme.com", "Slow");
        FollowUp f = postedFollowUp("r-6");
        String ts = slackRef(f, "CCS").ts();

        // WHEN the bot posts in the thread, a message is edited, and Alice talks in the channel outside any thread
        Map<String, Object> bot = new LinkedHashMap<>(eventFields("CCS", "channel", "UBOT", "notice", "1700000900.000001", ts));
        bot.put("bot_id", "BBOT");
        HttpResponse<String> fromBot = event(envelope("EvBot1", bot));
        Map<String, Object> edited = new LinkedHashMap<>(eventFields("CCS", "channel", ALICE, "edited", "1700000900.000002", ts));
        edited.put("subtype", "message_changed");
        HttpResponse<String> edit = event(envelope("EvEdit1", edited));
        HttpResponse<String> chatter = event(messageEvent("EvChatter1", "CCS", "channel", ALICE, "lunch?", "1700000900.000003", null));
        // and a thread reply under some other message in the channel
        HttpResponse<String> otherThread = event(messageEvent("EvOther1", "CCS", "channel", ALICE, "re: lunch",
                "1700000900.000004", "1600000000.000001"));

        // THEN every one is acknowledged, and nothing is stored anywhere
        assertThat(List.of(fromBot.statusCode(), edit.statusCode(), chatter.statusCode(), otherThread.statusCode())).containsOnly(200);
        assertThat(followUp(f.id()).replies()).isEmpty();
        assertThat(mongo.count(new Query(), UnmatchedReply.class)).isZero();

        // AND a genuine thread reply still works afterwards (the checks above are not just closed)
        event(messageEvent("EvReal1", "CCS", "channel", ALICE, "real reply", "1700000900.000005", ts));
        assertThat(followUp(f.id()).replies()).extracting(CustomerReply::text).containsExactly("real reply");
    }

    @Test
    void customerShareButtonsFromSlackReachTheCustomerQuestion() {
        feedback("r-7", 10, "alice@acme.com", "Love it");
        FollowUp f = postedFollowUp("r-7");

        // WHEN someone other than Alice clicks Yes
        assertThat(click(CustomerQuestion.YES, f.id(), "customer-question", BOB, "bob-yes").statusCode()).isEqualTo(200);
        // THEN they are refused and nothing is recorded
        FakeSlackApi.Call refusal = awaitCall("respond:bob-yes");
        assertThat(shown(refusal.body())).contains("only they can answer");
        assertThat(followUp(f.id()).events()).extracting(FollowUpEvent::type).doesNotContain("CONSENT_PROPOSED");

        // WHEN Alice clicks Yes
        assertThat(click(CustomerQuestion.YES, f.id(), "customer-question", ALICE, "alice-yes").statusCode()).isEqualTo(200);
        // THEN she is thanked, and the follow-up carries her answer as a consent proposal for the owner
        assertThat(shown(awaitCall("respond:alice-yes").body())).contains("Thank you");
        FollowUp after = followUp(f.id());
        assertThat(after.events()).extracting(FollowUpEvent::type).contains("CONSENT_PROPOSED");
        assertThat(after.replies()).singleElement().satisfies(r -> assertThat(r.from()).isEqualTo("alice@acme.com"));

        // AND Maybe later from Alice is recorded as her answer too
        click(CustomerQuestion.LATER, f.id(), "customer-question", ALICE, "alice-later");
        assertThat(shown(awaitCall("respond:alice-later").body())).contains("not ask again");
        assertThat(followUp(f.id()).events()).extracting(FollowUpEvent::type).contains("CUSTOMER_ANSWER");
    }

    // --- helpers ---

    SlackRef slackRef(FollowUp f, String channel) {
        return f.messages().stream().filter(m -> m.platform() == Platform.SLACK).map(MessageRef::ref).map(SlackRef::parse)
                .filter(r -> r.channel().equals(channel)).findFirst()
                .orElseThrow(() -> new AssertionError("no Slack message in " + channel + ": " + f.messages()));
    }

    HttpResponse<String> event(String body) {
        return signed("application/json", body);
    }

    FakeSlackApi.Call awaitPost(java.util.function.Predicate<FakeSlackApi.Call> p) {
        await().atMost(Duration.ofSeconds(15)).until(() -> slack.calls("chat.postMessage").stream().anyMatch(p));
        return slack.calls("chat.postMessage").stream().filter(p).findFirst().orElseThrow();
    }


    static Map<String, Object> eventFields(String channel, String channelType, String user, String text, String ts, String threadTs) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("type", "message");
        e.put("channel", channel);
        e.put("channel_type", channelType);
        e.put("user", user);
        e.put("text", text);
        e.put("ts", ts);
        e.put("event_ts", ts);
        if (threadTs != null) {
            e.put("thread_ts", threadTs);
        }
        return e;
    }

    static String messageEvent(String eventId, String channel, String channelType, String user, String text, String ts,
                               String threadTs) {
        return envelope(eventId, eventFields(channel, channelType, user, text, ts, threadTs));
    }

    static String envelope(String eventId, Map<String, Object> event) {
        return JSON.writeValueAsString(Map.of("token", "legacy", "team_id", "T0001", "api_app_id", "A0001",
                "type", "event_callback", "event_id", eventId, "event_time", 1700000000, "event", event));
    }
}
