package com.referralloop.chat.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.referralloop.chat.ChatMessage;
import com.referralloop.chat.ChatTarget;
import com.referralloop.chat.Platform;
import com.referralloop.chat.outbox.Outbox;
import com.referralloop.chat.outbox.OutboxMessage;
import com.referralloop.chat.outbox.OutboxState;
import com.referralloop.feedback.Feedback;
import com.referralloop.followup.FollowUp;
import com.referralloop.retention.RetentionJob;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/**
 * Sent history leaves the live outbox minutes after sending (issue 16): a posted follow-up's rows moved to the
 * archive {@code outbox_sent}, then the same message and the same signed survey answer again (still one post),
 * the operators' listing, and a move that crashed half-way.
 */
class SlackOutboxArchiveTest extends SlackTestBase {

    static final String ARCHIVE = "outbox_sent";

    @Autowired
    RetentionJob retention;
    @Autowired
    Outbox outbox;

    @Test
    void aMessageMovedToTheArchiveIsNotQueuedOrPostedAgainUnderItsKey() {
        // GIVEN a promoter's follow-up posted to the owner's DM, sent eleven minutes ago
        String owner = freshUserId();
        importAcme(owner);
        FollowUp f = posted(owner, "arc-1");
        String postKey = postKey(f);
        sentMinutesAgo(11);

        // WHEN the move runs
        int moved = retention.archiveOnce();

        // THEN the live outbox holds no sent row, the archive holds the post once, and its key is read from there
        assertThat(moved).isEqualTo(archived()).isGreaterThanOrEqualTo(1);
        assertThat(outbox(OutboxState.SENT)).isZero();
        assertThat(mongo.getCollection(ARCHIVE).countDocuments(new Document("dedupeKey", postKey))).isEqualTo(1);
        assertThat(outbox.byDedupeKey(postKey)).get().extracting(OutboxMessage::state).isEqualTo(OutboxState.SENT);

        // WHEN the same message is enqueued again under its key (a crashed opener's re-run)
        boolean queued = outbox.enqueue(postKey, new ChatTarget(Platform.SLACK, owner, null), ChatMessage.text("again"), f.id());

        // THEN it is refused and leaves no live row (withdrawn at once, or removed by a poll that claimed it in the
        // instant before the look-up), and Slack still saw one post
        assertThat(queued).isFalse();
        await().atMost(Duration.ofSeconds(5)).until(() ->
                mongo.count(Query.query(Criteria.where("dedupeKey").is(postKey)), OutboxMessage.class) == 0);
        await().during(Duration.ofMillis(800)).atMost(Duration.ofSeconds(5)).until(() -> posts(owner) == 1);
    }

    @Test
    void aReDeliveredAnswerPostsNothingTwiceAfterItsRowsWereArchivedAndAfterTheyWerePruned() {
        // GIVEN an answer posted once, its rows moved to the archive
        String owner = freshUserId();
        importAcme(owner);
        FollowUp f = postedAndArchived(owner, "arc-2");
        assertThat(outbox(OutboxState.SENT)).isZero();

        // WHEN the survey tool delivers the same answer again, signed
        // THEN it counts two deliveries, one follow-up, one post
        redeliveredPostsNothing(owner, "arc-2", 2);
        Feedback answer = mongo.findById(Feedback.idOf("nps", "arc-2"), Feedback.class);
        assertThat(mongo.count(Query.query(Criteria.where("feedbackId").is(answer.id())), FollowUp.class)).isEqualTo(1);

        // WHEN a month passes and the retention job prunes the archive
        mongo.getCollection(ARCHIVE).updateMany(new Document(), new Document("$set",
                new Document("sentAt", java.util.Date.from(Instant.now().minus(Duration.ofDays(31))))));
        RetentionJob.Run run = retention.runOnce();

        // THEN the archive is empty, the post's key is kept, and a third delivery still posts nothing
        assertThat(run.outboxRows()).isGreaterThanOrEqualTo(1);
        assertThat(mongo.getCollection(ARCHIVE).countDocuments()).isZero();
        assertThat(outbox.byDedupeKey(postKey(f))).isEmpty();
        redeliveredPostsNothing(owner, "arc-2", 3);
    }

    @Test
    void theOutboxListingStillShowsSentMessagesOnceTheyAreArchived() {
        // GIVEN two answers posted; the first one's rows archived, the second's still live
        String owner = freshUserId();
        importAcme(owner);
        FollowUp first = postedAndArchived(owner, "arc-3");
        FollowUp second = posted(owner, "arc-4");
        await().atMost(Duration.ofSeconds(10)).until(() -> outbox(OutboxState.SENT) >= 1);

        // WHEN an operator lists sent messages, and walks everything one row a page
        String sent = http.get("/api/outbox?state=sent").body();
        StringBuilder walked = new StringBuilder();
        String cursor = "";
        int pages = 0;
        do {
            HttpResponse<String> page = http.get("/api/outbox?limit=1" + (cursor.isEmpty() ? "" : "&cursor=" + cursor));
            assertThat(page.statusCode()).isEqualTo(200);
            walked.append(page.body());
            cursor = page.headers().firstValue("X-Next-Cursor").orElse("");
            pages++;
        } while (!cursor.isEmpty() && pages < 50);

        // THEN both posts are listed, newest first, across the live outbox and the archive, each on one page
        assertThat(sent).contains(postKey(first)).contains(postKey(second));
        assertThat(sent.indexOf(postKey(second))).isLessThan(sent.indexOf(postKey(first)));
        assertThat(occurrences(walked.toString(), "\"dedupeKey\":\"" + postKey(first) + "\"")).isEqualTo(1);
        assertThat(occurrences(walked.toString(), "\"dedupeKey\":\"" + postKey(second) + "\"")).isEqualTo(1);
        assertThat(pages).isEqualTo(mongo.count(new Query(), OutboxMessage.class) + archived());
        assertThat(http.get("/api/outbox/counts").body()).contains("\"SENT\":" + (outbox(OutboxState.SENT) + archived()));
    }

    private static int occurrences(String text, String part) {
        return text.split(java.util.regex.Pattern.quote(part), -1).length - 1;
    }

    @Test
    void aMoveThatCrashedBetweenTheArchiveCopyAndTheDeleteIsResolvedByTheNextRun() {
        // GIVEN a sent post copied to the archive (stale: before a later redaction) but still live: the crash
        String owner = freshUserId();
        importAcme(owner);
        FollowUp f = posted(owner, "arc-5");
        sentMinutesAgo(11);
        Document live = mongo.getCollection("outbox").find(new Document("dedupeKey", postKey(f))).first();
        Document stale = new Document(live).append("message", new Document("text", "the copy a crashed run wrote"));
        mongo.getCollection(ARCHIVE).insertOne(stale);

        // WHEN the next move runs
        retention.archiveOnce();

        // THEN one copy each: gone from the live outbox, once in the archive, as the live row was
        assertThat(mongo.getCollection("outbox").countDocuments(new Document("_id", live.get("_id")))).isZero();
        List<Document> copies = mongo.getCollection(ARCHIVE).find(new Document("_id", live.get("_id"))).into(new java.util.ArrayList<>());
        assertThat(copies).singleElement().satisfies(d -> assertThat(d.get("message")).isEqualTo(live.get("message")));
        assertThat(outbox.byDedupeKey(postKey(f))).get().extracting(OutboxMessage::sentRef).isEqualTo(live.getString("sentRef"));
    }

    private FollowUp posted(String owner, String responseId) {
        long before = posts(owner);
        feedback(responseId, 10, "alice@acme.com", "Love it");
        FollowUp f = postedFollowUp(responseId);
        await().atMost(Duration.ofSeconds(10)).until(() -> mongo.count(Query.query(Criteria.where("dedupeKey")
                .is(postKey(f)).and("state").is(OutboxState.SENT)), OutboxMessage.class) == 1);
        assertThat(posts(owner)).isEqualTo(before + 1);
        return f;
    }

    /** Posted, sent eleven minutes ago, and moved to the archive. */
    private FollowUp postedAndArchived(String owner, String responseId) {
        FollowUp f = posted(owner, responseId);
        sentMinutesAgo(11);
        assertThat(retention.archiveOnce()).isGreaterThanOrEqualTo(1);
        return f;
    }

    /** The same answer delivered again, signed: stored as its n-th delivery, and Slack still saw one post. */
    private void redeliveredPostsNothing(String owner, String responseId, int deliveries) {
        feedback(responseId, 10, "alice@acme.com", "Love it");
        assertThat(mongo.findById(Feedback.idOf("nps", responseId), Feedback.class).deliveries()).isEqualTo(deliveries);
        await().atMost(Duration.ofSeconds(10)).until(() -> mongo.getCollection("followup_pending").countDocuments() == 0);
        await().during(Duration.ofMillis(800)).atMost(Duration.ofSeconds(5)).until(() -> posts(owner) == 1);
    }

    private static String postKey(FollowUp f) {
        return "followup:" + f.id() + ":post:SLACK";
    }

    private void sentMinutesAgo(int minutes) {
        mongo.updateMulti(Query.query(Criteria.where("state").is(OutboxState.SENT)),
                new Update().set("sentAt", Instant.now().minus(Duration.ofMinutes(minutes))), OutboxMessage.class);
    }

    private long archived() {
        return mongo.getCollection(ARCHIVE).countDocuments();
    }

    private long posts(String owner) {
        return slack.calls("chat.postMessage").stream().filter(c -> ("D" + owner).equals(c.param("channel"))).count();
    }
}
