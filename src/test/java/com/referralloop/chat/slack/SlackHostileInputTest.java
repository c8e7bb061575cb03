package com.referralloop.chat.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.referralloop.followup.FollowUp;
import com.referralloop.followup.FollowUpOutcome;
import com.referralloop.followup.FollowUpState;
import com.referralloop.support.FakeSlackApi;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.query.Query;

/** Slash commands and answers carrying MongoDB operators, unicode and emoji: text in, text out, nothing executed. */
class SlackHostileInputTest extends SlackTestBase {

    static final String UNICODE = "Génial 🚀 — 日本語 👍🏽 Ωmega";

    @Test
    void operatorLookingIdsAndNotesAreJustText() {
        // GIVEN an open follow-up of Acme
        importAcme(REP);
        feedback("inj-1", 9, "alice@acme.com", "Great");
        FollowUp f = postedFollowUp("inj-1");

        // WHEN commands name follow-ups with operator objects or regex patterns instead of ids
        String ne = shown(command("/followup", "ack {\"$ne\":null}", REP).body());
        String regex = shown(command("/followup", "show .*", REP).body());
        String where = shown(command("/followup", "close \"{'$where':'1==1'}\" outcome=declined", REP).body());

        // THEN each is refused as an unknown id (or a usage error), and nothing changed
        assertThat(ne).containsAnyOf("no follow-up with id", "Usage");
        assertThat(regex).containsAnyOf("no follow-up with id", "Usage");
        assertThat(where).isNotBlank();
        assertThat(followUp(f.id()).state()).isEqualTo(FollowUpState.OPEN);
        assertThat(followUp(f.id()).events()).hasSize(1);

        // WHEN a close carries an update document as its note
        command("/followup", "close " + f.id() + " outcome=declined note='{\"$set\":{\"state\":\"OPEN\"}}'", REP);
        // THEN it is closed and the note is stored word for word
        FollowUp closed = followUp(f.id());
        assertThat(closed.state()).isEqualTo(FollowUpState.CLOSED);
        assertThat(closed.outcome()).isEqualTo(FollowUpOutcome.DECLINED);
        assertThat(closed.outcomeNote()).isEqualTo("{\"$set\":{\"state\":\"OPEN\"}}");
        assertThat(mongo.count(new Query(), FollowUp.class)).isEqualTo(1);
    }

    @Test
    void unicodeAndEmojiSurviveTheAnswerTheSlackMessageAndANote() {
        // GIVEN Acme, and a promoter comment in several scripts with emoji (a skin-tone modifier too)
        importAcme(REP);
        feedback("uni-1", 10, "alice@acme.com", UNICODE);

        // WHEN the follow-up is delivered and closed with a unicode note
        FollowUp f = postedFollowUp("uni-1");
        command("/followup", "close " + f.id() + " outcome=resolved note=\"" + UNICODE + "\"", REP);

        // THEN the comment is stored exactly, reaches Slack exactly, and so does the note
        assertThat(f.comment()).isEqualTo(UNICODE);
        FakeSlackApi.Call post = slack.calls("chat.postMessage").get(0);
        assertThat(post.param("blocks")).contains(UNICODE);
        assertThat(followUp(f.id()).outcomeNote()).isEqualTo(UNICODE);
    }
}
