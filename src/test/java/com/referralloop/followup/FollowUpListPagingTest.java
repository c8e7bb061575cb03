package com.referralloop.followup;

import static com.referralloop.referral.ProgramFixture.OWNER;
import static com.referralloop.referral.ProgramFixture.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.referralloop.command.ChatReply;
import com.referralloop.command.CommandRouter;
import com.referralloop.feedback.FeedbackService;
import com.referralloop.feedback.SurveyResponse;
import com.referralloop.support.Http;
import com.referralloop.support.IntegrationTest;
import com.referralloop.support.Pages;
import com.referralloop.support.Stores;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;

/** 25 open follow-ups: the chat list shows 20 and counts the rest; the API pages through all 25 once. */
@IntegrationTest
class FollowUpListPagingTest {

    static final Pattern ID = Pattern.compile("\"id\":\"(F[A-Z0-9]+)\"");
    static final int OPEN = 25;

    @Autowired
    MongoTemplate mongo;

    @Autowired
    FeedbackService feedback;

    @Autowired
    CommandRouter router;

    Http http;

    @BeforeEach
    void twentyFivePromoters(@LocalServerPort int port) {
        Stores.clear(mongo);
        http = new Http(port);
        StringBuilder csv = new StringBuilder("account_id,account_name,owner_email,owner_slack_id,owner_discord_id,"
                + "manager_email,cs_channel,contact_email,contact_name\n");
        for (int i = 0; i < OPEN; i++) {
            csv.append("A-1,Acme,").append(OWNER.email()).append(",,,,,c").append(i).append("@acme.com,C").append(i).append('\n');
        }
        assertThat(http.post("/api/accounts/import", "text/csv", csv.toString(), Map.of()).statusCode()).isEqualTo(200);
        for (int i = 0; i < OPEN; i++) {
            feedback.store(new SurveyResponse("nps", "paging-" + i, 10, "Great", "c" + i + "@acme.com", null, null, "{}"));
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> mongo.count(new Query(), FollowUp.class) == OPEN);
    }

    @Test
    void theChatListShowsTwentyAndSaysHowManyMoreAndHowToNarrow() {
        for (String which : List.of("mine", "all")) {
            ChatReply r = run(router, OWNER, "followup", "list " + which);
            assertThat(r.text().lines().filter(l -> l.startsWith("• "))).as(which).hasSize(20);
            assertThat(r.text()).as(which).contains("…and 5 more; narrow with /followup list overdue")
                    .contains("GET /api/followups");
        }
    }

    @Test
    void theApiWalksEveryOpenFollowUpOnceInBothItsPaths() {
        // the owner's open list is read through their inbox, the others by query: both page the same way
        for (String first : List.of("/api/followups?limit=10", "/api/followups?limit=10&owner=" + OWNER.email() + "&open=true")) {
            Set<String> seen = new LinkedHashSet<>();
            List<Integer> sizes = new ArrayList<>();
            String next = first;
            while (next != null) {
                HttpResponse<String> r = http.get(next);
                assertThat(r.statusCode()).as(next).isEqualTo(200);
                Matcher m = ID.matcher(r.body());
                int n = 0;
                while (m.find()) {
                    assertThat(seen.add(m.group(1))).as("repeated " + m.group(1)).isTrue();
                    n++;
                }
                sizes.add(n);
                next = r.headers().firstValue(Pages.NEXT_CURSOR).map(c -> first + "&cursor=" + c).orElse(null);
                assertThat(sizes).as("no endless paging").hasSizeLessThan(10);
            }
            assertThat(sizes).as(first).containsExactly(10, 10, 5);
            assertThat(seen).hasSize(OPEN);
        }
    }
}
