package com.referralloop.reply;

import static org.assertj.core.api.Assertions.assertThat;

import com.referralloop.chat.ChatUser;
import com.referralloop.chat.Platform;
import com.referralloop.followup.FollowUp;
import com.referralloop.followup.FollowUpOutcome;
import com.referralloop.followup.FollowUpService;
import com.referralloop.followup.MessageRef;
import com.referralloop.sla.SlaFixtures;
import com.referralloop.support.Http;
import com.referralloop.support.MutableClock;
import com.referralloop.support.TimedTest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;

/** Replies from Slack and Discord as the adapters hand them over: a thread reply or a DM. */
@TimedTest
class ChatRepliesTest {

    @LocalServerPort
    int port;
    @Autowired
    MongoTemplate mongo;
    @Autowired
    MutableClock clock;
    @Autowired
    FollowUpReplies replies;
    @Autowired
    FollowUpService followUps;

    SlaFixtures fx;

    @BeforeEach
    void setUp() {
        clock.set(Instant.now().truncatedTo(ChronoUnit.MILLIS));
        SlaFixtures.clean(mongo);
        fx = new SlaFixtures(new Http(port), mongo);
        fx.importAccounts();
    }

    @Test
    void aContactReplyingInTheFollowUpsSlackThreadReachesThatFollowUp() {
        // GIVEN Alice's follow-up was posted to a shared Slack channel as message 1700000000.000100
        FollowUp f = fx.answer("c-1", 10, "alice@acme.com");
        followUps.addMessageRef(f.id(), new MessageRef(Platform.SLACK, "C-SHARED", "1700000000.000100"));

        // WHEN her colleague Bob (a contact of Acme) replies in that thread
        ReplyOutcome outcome = replies.fromChat(Platform.SLACK, "U-BOB", "1700000000.000100", "Alice is right, great team");

        // THEN it is stored on that follow-up, and the owner is told
        assertThat(outcome.status()).isEqualTo(ReplyOutcome.Status.ATTACHED);
        assertThat(outcome.followUpId()).isEqualTo(f.id());
        assertThat(fx.reload(f.id()).replies()).singleElement().satisfies(r -> {
            assertThat(r.channel()).isEqualTo(Platform.SLACK);
            assertThat(r.from()).isEqualTo("bob@acme.com");
            assertThat(r.text()).isEqualTo("Alice is right, great team");
        });
        assertThat(fx.outbox("followup:" + f.id() + ":reply:")).singleElement()
                .satisfies(m -> assertThat(m.target().destination()).isEqualTo("rep@vendor.com"));
    }

    @Test
    void theOwnerInTheThreadIsIgnoredAndAStrangerIsKeptApart() {
        FollowUp f = fx.answer("c-2", 10, "alice@acme.com");
        followUps.addMessageRef(f.id(), new MessageRef(Platform.SLACK, "C-SHARED", "1700000000.000200"));

        // WHEN the owner and an unknown user write in the thread, and Dan (a Globex contact) too
        ReplyOutcome owner = replies.fromChat(Platform.SLACK, "U-REP", "1700000000.000200", "thanks Alice!");
        ReplyOutcome stranger = replies.fromChat(Platform.SLACK, "U-NOBODY", "1700000000.000200", "hi");

        // THEN nothing reaches the follow-up; the stranger is kept, flagged, with the follow-up as a hint
        assertThat(owner.status()).isEqualTo(ReplyOutcome.Status.IGNORED);
        assertThat(stranger.status()).isEqualTo(ReplyOutcome.Status.UNMATCHED);
        assertThat(fx.reload(f.id()).replies()).isEmpty();
        UnmatchedReply kept = mongo.findById(stranger.unmatchedId(), UnmatchedReply.class);
        assertThat(kept.flagged()).isTrue();
        assertThat(kept.followUpHint()).isEqualTo(f.id());
        assertThat(kept.from()).isEqualTo("U-NOBODY");
    }

    @Test
    void aDiscordDmGoesToTheSendersLatestOpenFollowUpAndNeverToAnotherContacts() {
        // GIVEN Dan has a closed follow-up and a newer open one; Alice has one too
        FollowUp old = fx.answer("c-3", 9, "dan@globex.com");
        followUps.close(old.id(), FollowUpOutcome.RESOLVED, null, ChatUser.system());
        clock.set(clock.instant().plusSeconds(60));
        FollowUp open = fx.answer("c-4", 10, "dan@globex.com");
        FollowUp alices = fx.answer("c-5", 10, "alice@acme.com");

        // WHEN Dan DMs the bot on Discord, and someone unknown does
        ReplyOutcome dan = replies.fromChat(Platform.DISCORD, "D-DAN", null, "Sure, call me");
        ReplyOutcome unknown = replies.fromChat(Platform.DISCORD, "D-UNKNOWN", null, "hello?");

        // THEN Dan's reply is on his open follow-up only; the unknown DM is kept apart
        assertThat(dan.followUpId()).isEqualTo(open.id());
        assertThat(fx.reload(open.id()).replies()).hasSize(1);
        assertThat(fx.reload(old.id()).replies()).isEmpty();
        assertThat(fx.reload(alices.id()).replies()).isEmpty();
        assertThat(unknown.status()).isEqualTo(ReplyOutcome.Status.UNMATCHED);
        assertThat(mongo.count(new Query(), UnmatchedReply.class)).isEqualTo(1);
        assertThat(replies.findByContactChatId(Platform.DISCORD, "D-DAN")).get()
                .extracting(FollowUp::id).isEqualTo(open.id());
    }

    @Test
    void aKnownContactWithNoOpenFollowUpIsKeptNotAttachedToAClosedOne() {
        FollowUp f = fx.answer("c-6", 10, "dan@globex.com");
        followUps.close(f.id(), FollowUpOutcome.RESOLVED, null, ChatUser.system());

        ReplyOutcome late = replies.fromChat(Platform.DISCORD, "D-DAN", null, "one more thing");

        assertThat(late.status()).isEqualTo(ReplyOutcome.Status.UNMATCHED);
        assertThat(late.reason()).contains("no open follow-up");
        assertThat(fx.reload(f.id()).replies()).isEmpty();
    }
}
