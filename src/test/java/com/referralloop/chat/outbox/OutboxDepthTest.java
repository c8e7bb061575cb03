package com.referralloop.chat.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.referralloop.chat.ChatMessage;
import com.referralloop.chat.ChatTarget;
import com.referralloop.chat.Platform;
import com.referralloop.support.IntegrationTest;
import com.referralloop.support.Stores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.test.context.TestPropertySource;

/** The depth gauges' single query counts waiting and dead messages as the per-state counts do. */
@IntegrationTest
@TestPropertySource(properties = "referral.outbox.enabled=false")
class OutboxDepthTest {

    @Autowired
    MongoTemplate mongo;

    @Autowired
    Outbox outbox;

    @BeforeEach
    void setUp() {
        Stores.clear(mongo);
    }

    @Test
    void depthCountsPendingAndDeadAndFindsTheOldestWaiting() {
        // GIVEN three waiting messages, one of which is then dead-lettered, and one sent
        for (int i = 1; i <= 4; i++) {
            outbox.enqueue("depth:" + i, ChatTarget.of(Platform.LOG, "C1"), ChatMessage.text("m" + i), "s" + i);
        }
        mongo.updateFirst(Query.query(Criteria.where("dedupeKey").is("depth:3")),
                new Update().set("state", OutboxState.DEAD), OutboxMessage.class);
        mongo.updateFirst(Query.query(Criteria.where("dedupeKey").is("depth:4")),
                new Update().set("state", OutboxState.SENT), OutboxMessage.class);

        // WHEN the depth is read
        Outbox.Depth depth = outbox.depth();

        // THEN it agrees with the per-state counts, and the oldest waiting one is the first queued
        assertThat(depth.pending()).isEqualTo(2).isEqualTo(outbox.count(OutboxState.PENDING));
        assertThat(depth.dead()).isEqualTo(1).isEqualTo(outbox.count(OutboxState.DEAD));
        assertThat(depth.oldestPending()).isEqualTo(outbox.byDedupeKey("depth:1").orElseThrow().createdAt());
    }
}
