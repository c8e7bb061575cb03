package com.referralloop.chat.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.referralloop.account.Account;
import com.referralloop.chat.Platform;
import com.referralloop.chat.outbox.OutboxMessage;
import com.referralloop.chat.outbox.OutboxState;
import com.referralloop.followup.FollowUp;
import com.referralloop.followup.FollowUpActions;
import com.referralloop.followup.FollowUpOutcome;
import com.referralloop.followup.FollowUpState;
import com.referralloop.followup.MessageRef;
import com.referralloop.support.FakeSlackApi;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import tools.jackson.databind.JsonNode;

class SlackFollowUpTest extends SlackTestBase {

    static final String TRACKED = SlackBlocks.TRACKED_ACTIONS;

    @Test
    void promoterAnswerReachesTheOwnersDmWithButtons() {
        // GIVEN Acme's owner has a known Slack id
        String owner = freshUserId();
        importAcme(owner);
        // WHEN Alice answers 9
        feedback("f-1", 9, "alice@acme.com", "Great support & <!channel> fast");
        FollowUp f = postedFollowUp("f-1");

        // THEN the DM is opened and the message posted there, with the follow-up's buttons
        assertThat(slack.calls("conversations.open")).extracting(c -> c.param("users")).containsExactly(owner);
        FakeSlackApi.Call post = slack.calls("chat.postMessage").get(0);
        assertThat(post.param("channel")).isEqualTo("D" + owner);
        assertThat(post.param("text")).contains("Promoter").contains("9/10");
        assertThat(JSON.readTree(post.param("blocks")).toString()).contains("Ask for a referral").contains("Record consent")
                .contains("Request testimonial").contains("Snooze 1 day").contains("Snooze 1 week").contains("Not suitable")
                .contains(FollowUpActions.ASK_REFERRAL).contains(f.id()).contains(TRACKED)
                // a comment cannot ping the channel
                .contains("&lt;!channel&gt;").doesNotContain("<!channel>");
        // AND the posted copy is remembered as channel:ts for later updates
        MessageRef ref = f.messages().get(0);
        assertThat(ref.platform()).isEqualTo(Platform.SLACK);
        assertThat(ref.ref()).startsWith("D" + owner + ":1700000000.");
    }

    @Test
    void ownerKnownOnlyByEmailIsLookedUpOnceAndRemembered() {
        // GIVEN the import gave only the owner's email, which Slack knows
        String owner = freshUserId();
        String email = owner.toLowerCase() + "@vendor.com";
        slack.user(owner, email);
        importAcme(email, null);
        // WHEN a promoter answers
        feedback("f-2", 10, "alice@acme.com", "Superb");
        FollowUp f = postedFollowUp("f-2");

        // THEN Slack is asked who has that email, the id is kept on the account, and the DM goes there
        assertThat(slack.calls("users.lookupByEmail")).extracting(c -> c.param("email")).containsExactly(email);
        assertThat(mongo.findById("A-1", Account.class).owner().slackUserId()).isEqualTo(owner);
        assertThat(slack.calls("chat.postMessage").get(0).param("channel")).isEqualTo("D" + owner);
        assertThat(f.messages().get(0).ref()).startsWith("D" + owner + ":");

        // AND the next follow-up uses the remembered id without another lookup
        feedback("f-3", 9, "alice@acme.com", "Again");
        assertThat(postedFollowUp("f-3").ownerSlackId()).isEqualTo(owner);
        assertThat(slack.calls("users.lookupByEmail")).hasSize(1);
    }

    @Test
    void unassignedFollowUpsGoToTheDefaultChannel() {
        feedback("f-4", 10, "stranger@nowhere.org", "Who am I");
        postedFollowUp("f-4");
        assertThat(slack.calls("chat.postMessage").get(0).param("channel")).isEqualTo("CDEFAULT");
    }

    @Test
    void buttonsChangeTheFollowUpAndUpdateTheMessageForEveryoneShowingWhoActed() {
        importAcme(REP);
        feedback("b-1", 9, "alice@acme.com", "Great");
        feedback("b-2", 10, "alice@acme.com", "Superb");
        feedback("b-3", 9, "alice@acme.com", "Nice");
        FollowUp one = postedFollowUp("b-1");
        FollowUp two = postedFollowUp("b-2");
        FollowUp three = postedFollowUp("b-3");
        SlackRef ref = SlackRef.parse(one.messages().get(0).ref());

        // WHEN the rep clicks "Snooze 1 day" on the first message
        HttpResponse<String> ack = click(FollowUpActions.SNOOZE_DAY, one.id(), TRACKED, REP, "b1");
        // THEN Slack gets an empty acknowledgement, the follow-up is snoozed by them
        assertThat(ack.statusCode()).isEqualTo(200);
        assertThat(followUp(one.id()).state()).isEqualTo(FollowUpState.SNOOZED);
        assertThat(followUp(one.id()).lastActor()).isEqualTo("urep1");
        // AND the posted message is updated in place with the new state and who acted
        await().atMost(Duration.ofSeconds(10)).until(() -> !slack.calls("chat.update").isEmpty());
        FakeSlackApi.Call update = slack.calls("chat.update").get(0);
        assertThat(update.param("channel")).isEqualTo(ref.channel());
        assertThat(update.param("ts")).isEqualTo(ref.ts());
        assertThat(update.param("blocks")).contains("snoozed until").contains("last action by urep1");

        // WHEN "Snooze 1 week" and "Ask for a referral" are clicked on the others
        click(FollowUpActions.SNOOZE_WEEK, two.id(), TRACKED, REP, "b2");
        click(FollowUpActions.ASK_REFERRAL, three.id(), TRACKED, REP, "b3");
        // THEN each follow-up changed, and each message was updated
        assertThat(followUp(two.id()).state()).isEqualTo(FollowUpState.SNOOZED);
        assertThat(followUp(two.id()).snoozedUntil()).isAfter(followUp(one.id()).snoozedUntil().plus(Duration.ofDays(5)));
        FollowUp closed = followUp(three.id());
        assertThat(closed.state()).isEqualTo(FollowUpState.CLOSED);
        assertThat(closed.outcome()).isEqualTo(FollowUpOutcome.REFERRAL_ASKED);
        String threeTs = SlackRef.parse(three.messages().get(0).ref()).ts();
        await().atMost(Duration.ofSeconds(10)).until(() -> slack.calls("chat.update").stream()
                .anyMatch(c -> c.param("ts").equals(threeTs) && c.param("blocks").contains("closed: referral")));
        FakeSlackApi.Call closedUpdate = slack.calls("chat.update").stream().filter(c -> c.param("ts").equals(threeTs)).findFirst().get();
        assertThat(closedUpdate.param("blocks")).doesNotContain("Snooze 1 day");

        // WHEN someone clicks on the closed one again
        click(FollowUpActions.SNOOZE_DAY, three.id(), TRACKED, "UOTHER", "b3again");
        // THEN they are told privately who closed it, and nothing changes
        await().atMost(Duration.ofSeconds(10)).until(() -> !slack.calls("respond:b3again").isEmpty());
        FakeSlackApi.Call again = slack.calls("respond:b3again").get(0);
        assertThat(again.param("response_type")).isEqualTo("ephemeral");
        assertThat(again.param("replace_original")).isEqualTo("false");
        assertThat(unescape(again.param("text"))).contains("closed").contains("urep1");
        assertThat(followUp(three.id()).lastActor()).isEqualTo("urep1");
    }

    @Test
    void detractorButtonsAcknowledgeAndResolve() {
        importAcme(REP);
        feedback("d-1", 3, "alice@acme.com", "Slow support");
        FollowUp f = postedFollowUp("d-1");
        assertThat(slack.calls("chat.postMessage").get(0).param("channel")).isEqualTo("CCS");
        assertThat(slack.calls("chat.postMessage").get(0).param("blocks")).contains("Acknowledge").contains("Resolved");

        click(FollowUpActions.ACKNOWLEDGE, f.id(), TRACKED, REP, "d1");
        assertThat(followUp(f.id()).state()).isEqualTo(FollowUpState.ACKNOWLEDGED);
        click(FollowUpActions.RESOLVE, f.id(), TRACKED, REP, "d2");
        assertThat(followUp(f.id()).state()).isEqualTo(FollowUpState.CLOSED);
        assertThat(followUp(f.id()).outcome()).isEqualTo(FollowUpOutcome.RESOLVED);
        await().atMost(Duration.ofSeconds(10)).until(() -> slack.calls("chat.update").stream()
                .anyMatch(c -> c.param("channel").equals("CCS") && c.param("blocks").contains("closed: resolved")));
    }

    @Test
    void consentAndTestimonialButtonsNeverPretend() {
        importAcme(REP);
        feedback("r-1", 9, "alice@acme.com", "Great");
        FollowUp f = postedFollowUp("r-1");
        for (String action : List.of(FollowUpActions.RECORD_CONSENT, FollowUpActions.REQUEST_TESTIMONIAL)) {
            String name = action.replace('.', '-');
            assertThat(click(action, f.id(), TRACKED, REP, name).statusCode()).isEqualTo(200);
            // either the referral feature opens its form, or the user is told plainly that nothing happened
            await().atMost(Duration.ofSeconds(10)).until(() -> !slack.calls("respond:" + name).isEmpty()
                    || slack.calls("views.open").stream().anyMatch(c -> c.param("view").contains(f.id())));
        }
        assertThat(followUp(f.id()).state()).isEqualTo(FollowUpState.OPEN);
    }

    @Test
    void notSuitableOpensAModalAndItsSubmissionClosesTheFollowUpWithTheReason() {
        importAcme(REP);
        feedback("n-1", 9, "alice@acme.com", "Great");
        FollowUp f = postedFollowUp("n-1");

        // WHEN "Not suitable" is clicked
        assertThat(click(FollowUpActions.NOT_SUITABLE, f.id(), TRACKED, REP, "n1").statusCode()).isEqualTo(200);
        // THEN a modal opened with the click's trigger, before the acknowledgement
        assertThat(slack.calls("views.open")).hasSize(1);
        FakeSlackApi.Call open = slack.calls("views.open").get(0);
        assertThat(open.param("trigger_id")).startsWith("trigger-");
        JsonNode view = JSON.readTree(open.param("view"));
        assertThat(view.path("type").asString()).isEqualTo("modal");
        assertThat(view.path("title").path("text").asString()).isEqualTo("Not suitable");
        assertThat(view.path("blocks").get(0).path("block_id").asString()).isEqualTo("reason");
        String metadata = view.path("private_metadata").asString();
        assertThat(metadata).contains("followup.not-suitable.submit").contains(f.id());
        assertThat(followUp(f.id()).state()).isEqualTo(FollowUpState.OPEN);

        // WHEN it is submitted without a reason / THEN the modal shows the error and nothing changes
        HttpResponse<String> empty = submit(metadata, REP, Map.of("reason", "  "));
        assertThat(empty.statusCode()).isEqualTo(200);
        JsonNode errors = JSON.readTree(empty.body());
        assertThat(errors.path("response_action").asString()).isEqualTo("errors");
        assertThat(errors.path("errors").path("reason").asString()).contains("reason is required");
        assertThat(followUp(f.id()).state()).isEqualTo(FollowUpState.OPEN);

        // WHEN it is submitted with a reason / THEN the modal closes and the follow-up is closed with it
        HttpResponse<String> ok = submit(metadata, REP, Map.of("reason", "works for a competitor"));
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.body()).doesNotContain("errors");
        FollowUp after = followUp(f.id());
        assertThat(after.state()).isEqualTo(FollowUpState.CLOSED);
        assertThat(after.outcome()).isEqualTo(FollowUpOutcome.NOT_SUITABLE);
        assertThat(after.outcomeNote()).isEqualTo("works for a competitor");
        await().atMost(Duration.ofSeconds(10)).until(() -> slack.calls("chat.update").stream()
                .anyMatch(c -> c.param("blocks").contains("not-suitable (works for a competitor)")
                        && c.param("blocks").contains("last action by urep1")));
    }

    @Test
    void aLongCommentIsCutWithAButtonThatShowsAllOfIt() {
        importAcme(REP);
        String comment = "Start. " + "We love the product and the team. ".repeat(150) + "The very end.";
        feedback("l-1", 10, "alice@acme.com", comment);
        FollowUp f = postedFollowUp("l-1");

        JsonNode blocks = JSON.readTree(slack.calls("chat.postMessage").get(0).param("blocks"));
        assertThat(blocks.size()).isLessThanOrEqualTo(50);
        blocks.forEach(b -> {
            if (b.path("text").path("text").isString()) {
                assertThat(b.path("text").path("text").asString().length()).isLessThanOrEqualTo(3000);
            }
        });
        assertThat(blocks.toString()).contains("Show full comment").contains(FollowUpActions.SHOW_COMMENT)
                .doesNotContain("The very end.");

        click(FollowUpActions.SHOW_COMMENT, f.id(), TRACKED, REP, "l1");
        await().atMost(Duration.ofSeconds(10)).until(() -> !slack.calls("respond:l1").isEmpty());
        FakeSlackApi.Call shownCall = slack.calls("respond:l1").get(0);
        assertThat(shownCall.param("response_type")).isEqualTo("ephemeral");
        assertThat(shownCall.param("blocks")).contains("Start.").contains("The very end.");
    }

    @Test
    void aClickOnAMessageTheOutboxDoesNotTrackReplacesThatMessage() {
        importAcme(REP);
        feedback("u-1", 9, "alice@acme.com", "Great");
        FollowUp f = postedFollowUp("u-1");
        click(FollowUpActions.SNOOZE_DAY, f.id(), SlackBlocks.REPLY_ACTIONS, REP, "u1");
        await().atMost(Duration.ofSeconds(10)).until(() -> !slack.calls("respond:u1").isEmpty());
        FakeSlackApi.Call r = slack.calls("respond:u1").get(0);
        assertThat(r.param("replace_original")).isEqualTo("true");
        assertThat(r.param("blocks")).contains("snoozed until").contains("last action by urep1");
    }

    @Test
    void rateLimitedPostIsDeliveredAfterRetryAfter() {
        // GIVEN Slack answers the first post with 429, Retry-After: 1
        slack.next("chat.postMessage", FakeSlackApi.Reply.rateLimited(1));
        importAcme(REP);
        // WHEN a promoter answers
        feedback("t-1", 9, "alice@acme.com", "Great");
        FollowUp f = postedFollowUp("t-1");
        // THEN the post was repeated no sooner than a second later, and the message is sent, not failed
        List<FakeSlackApi.Call> posts = slack.calls("chat.postMessage");
        assertThat(posts).hasSize(2);
        assertThat(Duration.between(posts.get(0).at(), posts.get(1).at())).isGreaterThanOrEqualTo(Duration.ofMillis(950));
        OutboxMessage m = mongo.findOne(Query.query(Criteria.where("dedupeKey").is("followup:" + f.id() + ":post:SLACK")),
                OutboxMessage.class);
        assertThat(m.state()).isEqualTo(OutboxState.SENT);
        // at least the 429; our own one-message-a-second pacing may add one when an earlier test just posted to this DM
        assertThat(m.throttled()).isGreaterThanOrEqualTo(1);
        assertThat(m.attempts()).as("a throttle is not a failed attempt (last error: %s)", m.lastError()).isEqualTo(1);
    }

    @Test
    void serverErrorIsRetried() {
        slack.next("chat.postMessage", FakeSlackApi.Reply.serverError(503));
        importAcme(REP);
        feedback("t-2", 9, "alice@acme.com", "Great");
        postedFollowUp("t-2");
        assertThat(slack.calls("chat.postMessage")).hasSize(2);
        OutboxMessage m = mongo.findOne(Query.query(Criteria.where("target.platform").is(Platform.SLACK)
                .and("kind").is(OutboxMessage.OutboxKind.POST)), OutboxMessage.class);
        assertThat(m.state()).isEqualTo(OutboxState.SENT);
        assertThat(m.attempts()).isEqualTo(2);
    }

    @Test
    void permanentErrorDeadLettersWithTheReasonAndAlertsTheDefaultChannelOnce() {
        // GIVEN the bot is not in Acme's customer-success channel
        slack.failDestination("CCS", "channel_not_found");
        importAcme(REP);
        // WHEN a detractor answers
        feedback("p-1", 2, "alice@acme.com", "Terrible");
        // THEN the message is dead-lettered at once with the reason, and an alert is posted in the default channel
        await().atMost(Duration.ofSeconds(15)).until(() -> slack.calls("chat.postMessage").stream()
                .anyMatch(c -> c.param("channel").equals("CDEFAULT")));
        OutboxMessage dead = mongo.findOne(Query.query(Criteria.where("state").is(OutboxState.DEAD)), OutboxMessage.class);
        assertThat(dead.target().destination()).isEqualTo("CCS");
        assertThat(dead.lastError()).contains("channel_not_found");
        assertThat(dead.attempts()).isEqualTo(1);
        FakeSlackApi.Call alert = slack.calls("chat.postMessage").stream().filter(c -> c.param("channel").equals("CDEFAULT")).findFirst().get();
        assertThat(alert.param("text")).contains("could not be delivered");
        assertThat(alert.param("blocks")).contains("channel_not_found").contains("CCS");
        await().atMost(Duration.ofSeconds(10)).until(() -> outbox(OutboxState.SENT) == 1);
    }

    @Test
    void anAlertThatCannotBeDeliveredDoesNotLoop() {
        slack.failDestination("CCS", "channel_not_found");
        slack.failDestination("CDEFAULT", "not_in_channel");
        importAcme(REP);
        feedback("p-2", 2, "alice@acme.com", "Terrible");
        await().atMost(Duration.ofSeconds(15)).until(() -> outbox(OutboxState.DEAD) == 2);
        await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(5)).until(() -> outbox(OutboxState.DEAD) == 2
                && mongo.count(new Query(), OutboxMessage.class) == 2);
        assertThat(slack.calls("chat.postMessage")).hasSize(2);
    }

    @Test
    void ownerUnknownToSlackIsAPermanentError() {
        importAcme("nobody-" + freshUserId().toLowerCase() + "@vendor.com", null);
        feedback("p-3", 9, "alice@acme.com", "Great");
        await().atMost(Duration.ofSeconds(15)).until(() -> outbox(OutboxState.DEAD) == 1);
        OutboxMessage dead = mongo.findOne(Query.query(Criteria.where("state").is(OutboxState.DEAD)), OutboxMessage.class);
        assertThat(dead.lastError()).contains("users_not_found").doesNotContain("nobody-");
        await().atMost(Duration.ofSeconds(10)).until(() -> slack.calls("chat.postMessage").stream()
                .anyMatch(c -> c.param("channel").equals("CDEFAULT")));
    }
}
