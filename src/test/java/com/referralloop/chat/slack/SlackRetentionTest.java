package com.referralloop.chat.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.referralloop.chat.ChatMessage;
import com.referralloop.chat.ChatTarget;
import com.referralloop.chat.Platform;
import com.referralloop.chat.outbox.Outbox;
import com.referralloop.chat.outbox.OutboxMessage;
import com.referralloop.chat.outbox.OutboxRetention;
import com.referralloop.chat.outbox.OutboxState;
import com.referralloop.feedback.Feedback;
import com.referralloop.followup.FollowUp;
import com.referralloop.retention.RetentionJob;
import java.time.Duration;
import java.time.Instant;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/**
 * Retention and exactly-once: an answer posted to Slack, its outbox rows pruned by the retention job a month
 * later, then the same answer delivered again through the signed webhook, and the same message enqueued again:
 * still one post.
 */
class SlackRetentionTest extends SlackTestBase {

    @Autowired
    RetentionJob retention;
    @Autowired
    OutboxRetention outboxRetention;
    @Autowired
    Outbox outbox;

    @Test
    void aReDeliveredAnswerWhoseOutboxRowsWerePrunedPostsNothingTwice() {
        // GIVEN a promoter's answer whose follow-up was posted to the owner's Slack DM
        String owner = freshUserId();
        importAcme(owner);
        feedback("ret-1", 10, "alice@acme.com", "Love it");
        FollowUp f = postedFollowUp("ret-1");
        String postKey = "followup:" + f.id() + ":post:SLACK";
        assertThat(posts(owner)).isEqualTo(1);
        assertThat(outbox.byDedupeKey(postKey)).get().extracting(OutboxMessage::state).isEqualTo(OutboxState.SENT);

        // WHEN a month passes (the rows were sent 31 days ago) and the retention job runs
        mongo.updateMulti(Query.query(Criteria.where("state").is(OutboxState.SENT)),
                new Update().set("sentAt", Instant.now().minus(Duration.ofDays(31))), OutboxMessage.class);
        RetentionJob.Run run = retention.runOnce();

        // THEN the sent rows are gone from the outbox, and their keys kept in compact form
        assertThat(run.outboxRows()).isGreaterThanOrEqualTo(1);
        assertThat(outbox.byDedupeKey(postKey)).isEmpty();
        assertThat(outboxRetention.deliveredBefore(postKey)).isTrue();
        Document kept = mongo.getCollection("delivered_keys").find().first();
        assertThat(kept.getString("_id")).hasSize(22).doesNotContain(f.id());
        assertThat(kept.getDate("expiresAt").toInstant()).isAfter(Instant.now().plus(Duration.ofDays(399)));

        // WHEN the survey tool delivers the same answer again, signed, as a provider's late retry does
        feedback("ret-1", 10, "alice@acme.com", "Love it");

        // THEN the webhook answered 202 (feedback() asserts it), the answer counts two deliveries and is
        // done once its marker is gone, and Slack still saw exactly one post
        Feedback answer = mongo.findById(Feedback.idOf("nps", "ret-1"), Feedback.class);
        assertThat(answer.deliveries()).isEqualTo(2);
        await().atMost(Duration.ofSeconds(10)).until(() -> mongo.getCollection("followup_pending").countDocuments() == 0);
        assertThat(mongo.count(Query.query(Criteria.where("feedbackId").is(answer.id())), FollowUp.class)).isEqualTo(1);

        // WHEN the same follow-up message is enqueued again under its pruned key (a crashed opener's re-run)
        boolean queued = outbox.enqueue(postKey, new ChatTarget(Platform.SLACK, owner, null), ChatMessage.text("again"), f.id());

        // THEN it is refused, leaves no row behind, and nothing more reaches Slack
        assertThat(queued).isFalse();
        assertThat(outbox.byDedupeKey(postKey)).isEmpty();
        await().during(Duration.ofMillis(800)).atMost(Duration.ofSeconds(5)).until(() -> posts(owner) == 1);
    }

    @Test
    void aNewMessageAfterThePruneIsStillDelivered() {
        // GIVEN a pruned follow-up post
        String owner = freshUserId();
        importAcme(owner);
        feedback("ret-2", 9, "alice@acme.com", "Good");
        postedFollowUp("ret-2");
        mongo.updateMulti(Query.query(Criteria.where("state").is(OutboxState.SENT)),
                new Update().set("sentAt", Instant.now().minus(Duration.ofDays(31))), OutboxMessage.class);
        retention.runOnce();

        // WHEN another answer comes in
        feedback("ret-3", 10, "alice@acme.com", "Even better");
        postedFollowUp("ret-3");

        // THEN its follow-up is posted as usual: only keys delivered before are refused
        assertThat(posts(owner)).isEqualTo(2);
    }

    private long posts(String owner) {
        return slack.calls("chat.postMessage").stream().filter(c -> ("D" + owner).equals(c.param("channel"))).count();
    }
}
