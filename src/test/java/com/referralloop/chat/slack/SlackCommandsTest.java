package com.referralloop.chat.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.referralloop.followup.FollowUp;
import com.referralloop.followup.FollowUpOutcome;
import com.referralloop.followup.FollowUpState;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.query.Query;
import tools.jackson.databind.JsonNode;

class SlackCommandsTest extends SlackTestBase {

    static JsonNode json(HttpResponse<String> r) {
        assertThat(r.statusCode()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    static String text(JsonNode n) {
        return unescape(n.path("text").asString());
    }

    @Test
    void everyCommandAnswersHelpPrivately() {
        for (String c : new String[] {"/referral", "/testimonial", "/reference", "/followup"}) {
            // WHEN a user asks for help, with the word or with nothing
            JsonNode help = json(command(c, "help", REP));
            JsonNode empty = json(command(c, "", REP));
            // THEN only they see the sub-commands of that command
            assertThat(help.path("response_type").asString()).as(c).isEqualTo("ephemeral");
            assertThat(text(help)).as(c).contains(c + "*").contains("help");
            assertThat(text(empty)).as(c).isEqualTo(text(help));
        }
        assertThat(shown(command("/followup", "help", REP).body())).contains("/followup close <id> outcome=")
                .contains("/followup list").contains("/followup snooze");
        assertThat(shown(command("/followup", "close help", REP).body())).contains("Usage: /followup close <id> outcome=");
    }

    @Test
    void followUpCommandsChangeTheFollowUp() {
        // GIVEN the rep (Slack id known) owns Acme, and two follow-ups are open
        importAcme(REP);
        feedback("c-1", 9, "alice@acme.com", "Great");
        feedback("c-2", 10, "alice@acme.com", "Superb");
        FollowUp one = postedFollowUp("c-1");
        FollowUp two = postedFollowUp("c-2");

        // WHEN the rep lists their follow-ups
        JsonNode list = json(command("/followup", "list", REP));
        // THEN both are shown, privately
        assertThat(list.path("response_type").asString()).isEqualTo("ephemeral");
        assertThat(text(list)).contains(one.id()).contains(two.id()).contains("Acme");

        // WHEN they acknowledge, snooze, show and close
        assertThat(shown(command("/followup", "ack " + one.id(), REP).body())).contains("Acknowledged follow-up " + one.id());
        assertThat(followUp(one.id()).state()).isEqualTo(FollowUpState.ACKNOWLEDGED);
        assertThat(followUp(one.id()).lastActor()).isEqualTo("urep1");

        assertThat(shown(command("/followup", "snooze " + two.id() + " for=1w", REP).body())).contains("Snoozed follow-up " + two.id());
        assertThat(followUp(two.id()).state()).isEqualTo(FollowUpState.SNOOZED);

        assertThat(shown(command("/followup", "show " + one.id(), REP).body())).contains("acknowledged").contains("by urep1");

        JsonNode closed = json(command("/followup", "close " + one.id() + " outcome=referral note=\"asked at QBR\"", REP));
        // THEN each change is stored, with who did it
        assertThat(text(closed)).isEqualTo("Closed follow-up " + one.id() + ": referral.");
        FollowUp after = followUp(one.id());
        assertThat(after.state()).isEqualTo(FollowUpState.CLOSED);
        assertThat(after.outcome()).isEqualTo(FollowUpOutcome.REFERRAL_ASKED);
        assertThat(after.outcomeNote()).isEqualTo("asked at QBR");
        assertThat(shown(command("/followup", "list overdue", REP).body())).contains("No open follow-ups (overdue)");
        assertThat(shown(command("/followup", "list all", REP).body())).contains(two.id()).doesNotContain(one.id());
    }

    @Test
    void membersOfTheAdminUserGroupMayRecordConsentForAnyAccountOthersMayNot() {
        // GIVEN Acme belongs to UREP1; UADMIN7 is in the admin user group S0ADMINS, UNOBODY7 is not
        importAcme(REP);
        slack.userGroup("S0ADMINS", "UADMIN7");

        // WHEN a non-member records consent for Alice / THEN they are refused privately
        String refused = shown(command("/referral", "consent alice@acme.com level=active", "UNOBODY7").body());
        assertThat(refused).containsIgnoringCase("only");

        // WHEN the admin does / THEN it is recorded
        String ok = shown(command("/referral", "consent alice@acme.com level=active evidence=\"call\"", "UADMIN7").body());
        assertThat(ok).doesNotContainIgnoringCase("only").contains("alice@acme.com");
        assertThat(slack.calls("usergroups.users.list")).isNotEmpty()
                .allSatisfy(c -> assertThat(c.param("usergroup")).isEqualTo("S0ADMINS"));
    }

    @Test
    void anOwnerImportedByEmailOnlyIsRecognisedThroughTheirSlackProfile() {
        // GIVEN Acme's owner is known by email only; Slack's profile of UREP1 has that email
        importAcme(null);
        feedback("c-3", 9, "alice@acme.com", "Nice");
        FollowUp f = postedFollowUp("c-3");
        // WHEN they list "mine" / THEN the follow-up is theirs
        assertThat(shown(command("/followup", "list mine", REP).body())).contains(f.id());
        // AND a user Slack has no email for owns nothing
        assertThat(shown(command("/followup", "list", "USTRANGER").body())).contains("Only account owners and referral-program admins may use /followup");
    }

    @Test
    void eachKindOfMistakeGetsAPrivateReplyNamingItAndNothingChanges() {
        importAcme(REP);
        feedback("c-4", 9, "alice@acme.com", "Great");
        FollowUp f = postedFollowUp("c-4");
        Map<String, String[]> cases = new LinkedHashMap<>();
        cases.put("unknown sub-command", new String[] {"/followup", "frobnicate", "has no sub-command 'frobnicate'", "/followup list"});
        cases.put("missing id", new String[] {"/followup", "close outcome=referral", "missing the follow-up id", "Usage: /followup close"});
        cases.put("missing outcome", new String[] {"/followup", "close " + f.id(), "missing outcome=", "Usage: /followup close"});
        cases.put("bad outcome", new String[] {"/followup", "close " + f.id() + " outcome=maybe", "outcome must be one of", "Usage: /followup close"});
        cases.put("unknown option", new String[] {"/followup", "close " + f.id() + " outcome=referral colour=red", "unknown option colour=", "Usage"});
        cases.put("extra words", new String[] {"/followup", "ack " + f.id() + " now please", "unexpected extra words: now please", "Usage: /followup ack"});
        cases.put("unclosed quote", new String[] {"/followup", "close " + f.id() + " outcome=referral note=\"oops", "quote", "/followup"});
        cases.put("unknown follow-up", new String[] {"/followup", "ack FNOSUCH1", "no follow-up with id FNOSUCH1", ""});
        cases.put("bad duration", new String[] {"/followup", "snooze " + f.id() + " for=soon", "not a duration", "Usage: /followup snooze"});
        cases.put("list what", new String[] {"/followup", "list someday", "say mine, overdue or all", "Usage: /followup list"});
        cases.put("unknown command", new String[] {"/referal", "help", "Unknown command /referal", "/referral help"});
        for (Map.Entry<String, String[]> c : cases.entrySet()) {
            JsonNode r = json(command(c.getValue()[0], c.getValue()[1], REP));
            assertThat(r.path("response_type").asString()).as(c.getKey()).isEqualTo("ephemeral");
            assertThat(text(r)).as(c.getKey()).contains(c.getValue()[2]).contains(c.getValue()[3]);
        }
        assertThat(followUp(f.id()).state()).isEqualTo(FollowUpState.OPEN);
        assertThat(followUp(f.id()).events()).hasSize(1);
        // a second close of a closed follow-up says who closed it
        command("/followup", "close " + f.id() + " outcome=declined", REP);
        assertThat(shown(command("/followup", "close " + f.id() + " outcome=referral", REP).body()))
                .contains("is closed").contains("closed by urep1");
        // and someone who owns no account may not touch it at all
        assertThat(shown(command("/followup", "close " + f.id() + " outcome=referral", "UOTHER").body()))
                .contains("Only account owners and referral-program admins may use /followup");
        assertThat(followUp(f.id()).outcome()).isEqualTo(FollowUpOutcome.DECLINED);
    }

    @Test
    void aCommandsTextIsStoredAsTypedNotAsSlackEscapedIt() {
        // GIVEN the rep owns Acme, with Alice
        importAcme(REP);
        // WHEN they add a quote with &, < and >, which Slack sends as &amp; &lt; &gt;
        JsonNode r = json(command("/testimonial", "add alice@acme.com \"Fast &amp; friendly &lt;3 -&gt; 10/10\"", REP));
        // THEN the quote is stored as typed
        assertThat(text(r)).as(r.toString()).doesNotContain("Usage");
        assertThat(mongo.findAll(com.referralloop.testimonial.Testimonial.class)).singleElement()
                .satisfies(t -> assertThat(t.quote()).isEqualTo("Fast & friendly <3 -> 10/10"));
    }

    @Test
    void referralCommandsReachTheProgramAndAMistakeRecordsNothing() {
        long before = mongo.getCollectionNames().stream().mapToLong(c -> mongo.count(new Query(), c)).sum();
        JsonNode r = json(command("/referral", "consent alice@acme.com level=active", REP));
        assertThat(r.path("response_type").asString()).isEqualTo("ephemeral");
        assertThat(text(r)).contains("no contact 'alice@acme.com' is known").contains("Usage: /referral consent");
        long after = mongo.getCollectionNames().stream().mapToLong(c -> mongo.count(new Query(), c)).sum();
        assertThat(after).isEqualTo(before);
    }

    @Test
    void aCommandSlowerThanThreeSecondsIsAcknowledgedInTimeAndAnsweredLater() {
        // GIVEN a command whose work takes longer than Slack waits
        long start = System.nanoTime();
        // WHEN it is sent
        HttpResponse<String> ack = signed("application/x-www-form-urlencoded", commandBody("/followup", "slow", REP, "slow"));
        long ackMillis = (System.nanoTime() - start) / 1_000_000;
        // THEN Slack gets its acknowledgement within 3 s, with no answer yet
        assertThat(ack.statusCode()).isEqualTo(200);
        assertThat(ackMillis).isLessThan(3000);
        assertThat(ack.body()).doesNotContain("Finally done");
        // AND when the work finishes, the answer goes to response_url, privately
        SlowCommand.release.countDown();
        await().atMost(Duration.ofSeconds(10)).until(() -> !slack.calls("respond:slow").isEmpty());
        var answer = slack.calls("respond:slow").get(0);
        assertThat(answer.param("text")).isEqualTo("Finally done for " + REP);
        assertThat(answer.param("response_type")).isEqualTo("ephemeral");
    }

    @Test
    void aButtonSlowerThanThreeSecondsIsAcknowledgedInTimeAndAnsweredLater() {
        long start = System.nanoTime();
        HttpResponse<String> ack = click("test.slow", "X1", SlackBlocks.REPLY_ACTIONS, REP, "slowclick");
        assertThat(ack.statusCode()).isEqualTo(200);
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(3000);
        assertThat(slack.calls("respond:slowclick")).isEmpty();
        SlowCommand.release.countDown();
        await().atMost(Duration.ofSeconds(10)).until(() -> !slack.calls("respond:slowclick").isEmpty());
        assertThat(slack.calls("respond:slowclick").get(0).param("text")).isEqualTo("Slow button done for X1");
    }
}
