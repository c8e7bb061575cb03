package com.referralloop.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.referralloop.chat.ChatMessage;
import com.referralloop.chat.ChatTarget;
import com.referralloop.chat.Platform;
import com.referralloop.chat.outbox.OutboxMessage;
import com.referralloop.chat.outbox.OutboxState;
import com.referralloop.reply.UnmatchedReply;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;

/** Every API list comes a page at a time; following the Link header walks each row exactly once, in order. */
@IntegrationTest
class ApiPagingTest {

    static final Instant T0 = Instant.parse("2026-11-01T09:00:00Z");

    @Autowired
    MongoTemplate mongo;

    Http http;

    @BeforeEach
    void startEmpty(@LocalServerPort int port) {
        Stores.clear(mongo);
        http = new Http(port);
    }

    @Test
    void accountsComeByIdAPageAtATime() {
        // GIVEN seven accounts imported in a shuffled order
        StringBuilder csv = new StringBuilder("account_id,account_name,owner_email,owner_slack_id,owner_discord_id,"
                + "manager_email,cs_channel,contact_email,contact_name\n");
        for (String id : List.of("A-5", "A-2", "A-7", "A-1", "A-4", "A-6", "A-3")) {
            csv.append(id).append(",Acct ").append(id).append(",rep@vendor.com,,,,,c").append(id).append("@x.com,C\n");
        }
        assertThat(http.post("/api/accounts/import", "text/csv", csv.toString(), java.util.Map.of()).statusCode())
                .isEqualTo(200);
        // WHEN walking pages of three; THEN 3 + 3 + 1, by id, each once, and the last page has no next link
        List<List<String>> pages = walk("/api/accounts?limit=3");
        assertThat(pages).containsExactly(List.of("A-1", "A-2", "A-3"), List.of("A-4", "A-5", "A-6"), List.of("A-7"));
    }

    @Test
    void outboxRowsWithTheSameTimeAreNeitherRepeatedNorSkipped() {
        // GIVEN five dead-lettered messages, three of them created in the same millisecond
        List<Instant> times = List.of(T0, T0.plusSeconds(60), T0.plusSeconds(60), T0.plusSeconds(60), T0.plusSeconds(120));
        for (int i = 0; i < times.size(); i++) {
            mongo.insert(new OutboxMessage("o" + i, "k" + i, OutboxMessage.OutboxKind.POST, ChatTarget.of(Platform.SLACK, "C1"),
                    new ChatMessage("t", "x", List.of(), List.of(), null), "F" + i, OutboxState.DEAD, 5, 0, times.get(i),
                    null, null, null, "gone", null, null));
        }
        // WHEN walking pages of two, newest first
        List<List<String>> pages = walk("/api/outbox?state=dead&limit=2");
        // THEN newest first, ties by id descending, every row once
        assertThat(pages).containsExactly(List.of("o4", "o3"), List.of("o2", "o1"), List.of("o0"));
        assertThat(walk("/api/outbox?limit=4")).containsExactly(List.of("o4", "o3", "o2", "o1"), List.of("o0"));
    }

    @Test
    void unmatchedRepliesPageNewestFirstAndABadCursorIsRefused() {
        for (int i = 0; i < 3; i++) {
            mongo.insert(new UnmatchedReply("u" + i, T0.plusSeconds(i), Platform.EMAIL, "who@x.com", "bot@vendor.com",
                    "Re: hi", "text " + i, null, "no follow-up token", true));
        }
        assertThat(walk("/api/replies/unmatched?limit=2")).containsExactly(List.of("u2", "u1"), List.of("u0"));

        HttpResponse<String> bad = http.get("/api/replies/unmatched?cursor=not-a-cursor!");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("X-Next-Cursor");
        // a limit above the maximum is held to it, not refused
        assertThat(http.get("/api/outbox?limit=100000").statusCode()).isEqualTo(200);
    }

    private List<List<String>> walk(String first) {
        return PageWalk.ids(http, first);
    }
}
