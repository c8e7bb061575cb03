package com.referralloop.chat.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.referralloop.chat.ChatUser;
import com.referralloop.chat.Platform;
import com.referralloop.support.DocumentsReturned;
import com.slack.api.model.view.View;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;

/**
 * App Home with a big store: thousands of accounts, answers (with their raw payloads) and follow-ups. Opening the
 * tab reads the owner's accounts, a page of each one's contacts and the newest open follow-ups, and counts the
 * rest in MongoDB: the documents handed back stay a small, fixed number, and the figures are exact.
 */
@Import(DocumentsReturned.Config.class)
class SlackHomeScaleTest extends SlackTestBase {

    static final int ROWS = 3000;

    @Autowired
    DocumentsReturned returned;
    @Autowired
    SlackHomeTab home;

    @Test
    void openingTheHomeTabReadsOnlyTheOwnersRowsAndCountsTheRest() {
        // GIVEN 3,000 accounts of other owners and 30 of the rep's (8 contacts each), 3,000 answers of the last
        // 30 days with a 2 KB payload each, and 3,000 promoter follow-ups (300 closed with consent, 25 the rep's open)
        Instant now = Instant.now();
        String payload = "x".repeat(2048);
        List<Document> accounts = new ArrayList<>();
        List<Document> contacts = new ArrayList<>();
        List<Document> answers = new ArrayList<>();
        List<Document> followUps = new ArrayList<>();
        List<String> repsOpen = new ArrayList<>();
        for (int i = 0; i < ROWS; i++) {
            accounts.add(new Document("_id", "O-" + i).append("name", "Other " + i)
                    .append("owner", new Document("email", "other" + (i % 500) + "@vendor.com")));
            String category = i % 3 == 0 ? "PROMOTER" : i % 3 == 1 ? "PASSIVE" : "DETRACTOR";
            answers.add(new Document("_id", "nps|r" + i).append("source", "nps").append("score", i % 3 == 0 ? 10 : i % 3 == 1 ? 8 : 3)
                    .append("category", category).append("receivedAt", Date.from(now.minus(Duration.ofHours(i % 600))))
                    .append("followUpDone", true).append("deliveries", 1).append("raw", payload));
            boolean reps = i < 25;
            boolean consented = i >= 25 && i < 325;
            Document f = new Document("_id", "F" + i).append("feedbackId", "nps|r" + i).append("kind", "PROMOTER")
                    .append("state", consented ? "CLOSED" : "OPEN").append("score", 10).append("escalationLevel", 0)
                    .append("trimmedEvents", 0).append("accountName", reps ? "Rep " + (i % 30) : "Other")
                    .append("ownerEmail", reps ? REP_EMAIL : "other@vendor.com")
                    .append("createdAt", Date.from(now.minus(Duration.ofHours(i % 600))))
                    .append("dueAt", Date.from(now.plus(Duration.ofHours(i % 2 == 0 ? 5 : -5))))
                    .append("events", List.of(new Document("type", "CREATED").append("note", payload)));
            if (consented) {
                f.append("outcome", "CONSENT_RECORDED");
            }
            if (reps) {
                repsOpen.add("F" + i);
            }
            followUps.add(f);
        }
        for (int a = 0; a < 30; a++) {
            accounts.add(new Document("_id", "R-" + a).append("name", "Rep " + String.format("%02d", a))
                    .append("owner", new Document("email", REP_EMAIL).append("slackUserId", REP)));
            for (int c = 0; c < 8; c++) {
                String email = "c" + c + "@rep" + a + ".com";
                contacts.add(new Document("_id", email).append("accountId", "R-" + a).append("email", email)
                        .append("name", "Contact " + c));
            }
        }
        mongo.getCollection("accounts").insertMany(accounts);
        mongo.getCollection("contacts").insertMany(contacts);
        mongo.getCollection("feedback").insertMany(answers);
        mongo.getCollection("followups").insertMany(followUps);
        mongo.getCollection("owner_inbox").insertOne(new Document("_id", REP_EMAIL).append("open", repsOpen));

        // WHEN the rep opens App Home (known by their Slack id)
        returned.reset();
        java.util.Map<String, Long> coveredBefore = com.referralloop.store.EmbeddedStore.coveredReadsByIndex();
        View view = home.render(new ChatUser(Platform.SLACK, REP, "rep", null, null, ChatUser.Membership.MEMBER));
        long read = returned.count();
        java.util.Map<String, Long> covered = com.referralloop.store.EmbeddedStore.coveredReadsByIndex();

        // THEN the figures are exact: 25 open (12 overdue), NPS over all 3,000 answers, 300 of 3,000 promoters consented
        String shown = view.toString();
        assertThat(shown).contains("25 open, 12 overdue. The newest 20:")
                .contains("NPS: *0* from 3000 answers (1000 promoters, 1000 detractors)")
                .contains("Promoter → consent: *10%* (300 of 3000 promoter follow-ups)")
                .contains("Rep 00").contains("and 3 more contacts").contains("…and more accounts")
                .doesNotContain(payload);
        // AND the store handed back the owner's rows only: one account to learn the email, 16 accounts, 15 pages of
        // 5 contacts, 20 follow-ups, and a few counts — not the thousands of answers, follow-ups and accounts
        assertThat(read).isLessThan(160);
        // AND the 30 days' NPS and conversion were counted from index entries, no answer or follow-up fetched
        for (String index : java.util.List.of("feedback_received_figures", "followup_kind_created_outcome")) {
            assertThat(covered.getOrDefault(index, 0L) - coveredBefore.getOrDefault(index, 0L)).as(index).isGreaterThanOrEqualTo(1);
        }
    }
}
