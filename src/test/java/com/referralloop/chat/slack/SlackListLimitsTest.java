package com.referralloop.chat.slack;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Chat lists through signed slash commands: /testimonial list and /reference requests show 20, then say how many
 * more (counted by MongoDB with the list's own filter) and how to narrow in the command's own syntax.
 */
class SlackListLimitsTest extends SlackTestBase {

    static final String SELLER = "USELLER1";
    static final Instant T0 = Instant.parse("2026-11-01T09:00:00Z");

    @BeforeEach
    void world() {
        importAcme(REP);
        slack.user(SELLER, "seller@vendor.com");
    }

    @Test
    void testimonialListShowsTwentyCountsTheRestAndNamesTheFilters() {
        // GIVEN 30 pending and 15 approved testimonials, each changed a minute after the last
        List<Document> rows = new ArrayList<>();
        for (int i = 0; i < 45; i++) {
            rows.add(new Document("_id", String.format("T%06d", i)).append("contactId", "alice@acme.com")
                    .append("accountId", "A-1").append("quote", "Quote " + i)
                    .append("state", i < 30 ? "PENDING_CUSTOMER" : "APPROVED").append("createdBy", "test")
                    .append("createdAt", java.util.Date.from(T0)).append("updatedAt", java.util.Date.from(T0.plusSeconds(60L * i))));
        }
        mongo.getCollection("testimonials").insertMany(rows);
        // WHEN the owner lists them all
        String all = say("/testimonial", "list", REP, "tlist");
        // THEN the newest 20 (T000044 down to T000025), then the other 25 counted, and both filters named
        assertThat(bullets(all)).hasSize(20);
        assertThat(all).contains("T000044").contains("T000025").doesNotContain("T000024");
        assertThat(all).contains("…and 25 more; narrow with /testimonial list status=<")
                .contains("pending_customer").contains(" or contact=<contact>");
        // WHEN narrowed to pending THEN 20 of 30, 10 more, and only the contact filter is left to suggest
        String pending = say("/testimonial", "list status=pending", REP, "tpending");
        assertThat(bullets(pending)).hasSize(20).allMatch(l -> l.contains("pending"));
        assertThat(pending).contains("…and 10 more; narrow with /testimonial list contact=<contact>");
        // WHEN narrowed to approved (15) THEN all are shown and no "more" line
        String approved = say("/testimonial", "list status=approved", REP, "tapproved");
        assertThat(bullets(approved)).hasSize(15);
        assertThat(approved).doesNotContain("more;");
    }

    @Test
    void referenceRequestListsShowTwentyAndSayHowToNarrow() {
        // GIVEN the seller made 26 requests of Acme's owner (23 waiting for approval, 3 won)
        List<Document> rows = new ArrayList<>();
        for (int i = 0; i < 26; i++) {
            rows.add(new Document("_id", String.format("Q%06d", i)).append("contactId", "alice@acme.com")
                    .append("accountId", "A-1").append("accountName", "Acme").append("ownerEmail", REP_EMAIL)
                    .append("requesterKey", "slack:" + SELLER).append("requesterName", "<@" + SELLER + ">")
                    .append("prospect", "Prospect " + i).append("shareProspect", false).append("need", "CALL")
                    .append("state", i < 23 ? "REQUESTED" : "WON").append("nudges", 0)
                    .append("createdAt", java.util.Date.from(T0.plusSeconds(60L * i)))
                    .append("updatedAt", java.util.Date.from(T0.plusSeconds(60L * i))));
        }
        mongo.getCollection("requests").insertMany(rows);
        // WHEN the seller lists theirs THEN the newest 20, 6 more, and the status filter with its real values
        String mine = say("/reference", "requests mine", SELLER, "rmine");
        assertThat(bullets(mine)).hasSize(20);
        assertThat(mine).contains("Q000025").contains("Q000006").doesNotContain("Q000005");
        assertThat(mine).contains("…and 6 more; narrow with /reference requests mine status=<requested|approved|")
                .contains("won");
        // WHEN narrowed with status=won THEN only the three won requests, no "more" line
        String won = say("/reference", "requests mine status=won", SELLER, "rwon");
        assertThat(bullets(won)).hasSize(3).allMatch(l -> l.contains("won"));
        assertThat(won).doesNotContain("more;");
        // WHEN the owner lists what waits for them THEN 20 of 23, 3 more, and how to work through them
        String toApprove = say("/reference", "requests to-approve", REP, "rapprove");
        assertThat(toApprove).contains("Requests waiting for your approval (23)");
        assertThat(bullets(toApprove)).hasSize(20);
        assertThat(toApprove).contains("…and 3 more; answer these with /reference approve <id> or /reference decline <id>");
        // AND a status the command does not know gets an answer that lists the ones it does
        assertThat(say("/reference", "requests mine status=pending", SELLER, "rbad"))
                .contains("status must be one of requested|approved|");
    }

    private static List<String> bullets(String reply) {
        return reply.lines().filter(l -> l.startsWith("• ")).toList();
    }
}
