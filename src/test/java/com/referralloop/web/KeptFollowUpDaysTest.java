package com.referralloop.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.referralloop.chat.ChatUser;
import com.referralloop.chat.Platform;
import com.referralloop.followup.FollowUpOutcome;
import com.referralloop.followup.FollowUpService;
import com.referralloop.support.IntegrationTest;
import com.referralloop.support.Stores;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Random;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * The kept follow-up days against the follow-ups counted at once: after the app's transitions (acknowledge,
 * close, snooze with its moved deadline), after new follow-ups for past answers, and as deadlines pass with no
 * write at all, the funnel, SLA and time to impact read through {@link KeptDays} equal the direct count.
 */
@IntegrationTest
class KeptFollowUpDaysTest {

    @Autowired
    MongoTemplate mongo;
    @Autowired
    FollowUpService followUps;

    final Random random = new Random(7);
    final List<String> open = new ArrayList<>();
    FollowUpDayFigure figure;
    KeptDays days;

    @BeforeEach
    void empty() {
        Stores.clear(mongo);
        figure = new FollowUpDayFigure(mongo);
        days = new KeptDays(mongo, figure, Duration.ZERO);
    }

    @Test
    void keptDaysAddUpToTheDirectCountAfterTransitionsAndNewFollowUps() {
        Instant now = Instant.now();
        for (int i = 0; i < 300; i++) {
            insert("F" + i, now.minus(Duration.ofMinutes(random.nextInt(40 * 24 * 60))), now);
        }
        ChatUser rep = new ChatUser(Platform.SLACK, "UREP", "Rep", "rep@vendor.com");
        for (int round = 0; round < 20; round++) {
            assertSame(Instant.now(), round);
            for (int k = 0; k < 3 && !open.isEmpty(); k++) {
                String id = open.remove(random.nextInt(open.size()));
                switch (random.nextInt(3)) {
                    case 0 -> followUps.acknowledge(id, rep);
                    case 1 -> followUps.close(id, FollowUpOutcome.REFERRAL_ASKED, null, rep);
                    default -> followUps.snooze(id, Instant.now().plus(Duration.ofHours(1 + random.nextInt(48))), rep);
                }
            }
            insert("late-" + round, Instant.now().minus(Duration.ofDays(1 + random.nextInt(30))), Instant.now());
        }
        assertThat(days.keptDays()).isGreaterThan(30);
    }

    @Test
    void aDayWithADeadlineAheadIsCountedAgainOnceItPasses() {
        // GIVEN open follow-ups of past days whose deadlines fall in the next hours, counted and kept now
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        for (int i = 0; i < 40; i++) {
            Instant answered = now.minus(Duration.ofDays(2 + i % 5));
            mongo.getCollection("followups").insertOne(new Document("_id", "D" + i).append("feedbackId", "d|" + i)
                    .append("kind", "PROMOTER").append("source", "a").append("state", "OPEN")
                    .append("createdAt", Date.from(answered)).append("answeredAt", Date.from(answered))
                    .append("dueAt", Date.from(now.plus(Duration.ofMinutes(30 + 20 * i)))));
        }
        FollowUpDayFolds before = fold(days.days(now.minus(Duration.ofDays(30)), now, now));
        assertThat(before.sla().overdueOpen()).isZero();
        // WHEN the figure is read hours later, with no write in between
        Instant later = now.plus(Duration.ofHours(6));
        FollowUpDayFolds after = fold(days.days(later.minus(Duration.ofDays(30)), later, later));
        // THEN the deadlines passed count as overdue, as a direct count says
        assertThat(after.sla().overdueOpen()).isEqualTo(17);
        assertThat(after).isEqualTo(fold(List.copyOf(figure.count(later.minus(Duration.ofDays(30)), later, later, null).values())));
    }

    private void assertSame(Instant now, int round) {
        int[] spans = {1, 7, 30, 90};
        Instant from = round % 5 == 4 ? Instant.EPOCH
                : now.minus(Duration.ofDays(spans[random.nextInt(spans.length)])).minus(Duration.ofMinutes(random.nextInt(600)));
        Instant to = now.plusSeconds(1);
        String source = List.of("", "a", "b").get(random.nextInt(3));
        String s = source.isEmpty() ? null : source;
        FollowUpDayFolds kept = FollowUpDayFolds.of(days.days(from, to, now), s);
        FollowUpDayFolds direct = FollowUpDayFolds.of(List.copyOf(figure.count(from, to, now, null).values()), s);
        assertThat(kept).as("round %d, from %s, source %s", round, from, s).isEqualTo(direct);
        assertThat(direct.sla().onTime() + direct.sla().late() + direct.sla().overdueOpen() + direct.sla().pending()).isPositive();
    }

    private static FollowUpDayFolds fold(List<Document> d) {
        return FollowUpDayFolds.of(d, null);
    }

    /** A follow-up as the opener stores it (created now, for an answer given at {@code answered}), in a random state. */
    private void insert(String id, Instant answered, Instant created) {
        Instant due = created.plus(Duration.ofHours(random.nextInt(3) == 0 ? -1 : 24));
        Document d = new Document("_id", id).append("feedbackId", "t|" + id)
                .append("kind", random.nextInt(4) == 0 ? "DETRACTOR" : "PROMOTER").append("score", 10)
                .append("source", random.nextBoolean() ? "a" : "b").append("createdAt", Date.from(created))
                .append("answeredAt", Date.from(answered)).append("dueAt", Date.from(due)).append("escalationLevel", 0).append("trimmedEvents", 0)
                .append("events", List.of()).append("messages", List.of()).append("replies", List.of());
        int state = random.nextInt(3);
        if (state == 0) {
            d.append("state", "CLOSED").append("outcome", "RESOLVED").append("actedAt", Date.from(created.plusSeconds(3600)))
                    .append("closedAt", Date.from(created.plusSeconds(3600 + random.nextInt(90_000))));
        } else {
            d.append("state", "OPEN");
            open.add(id);
        }
        mongo.getCollection("followups").insertOne(d);
    }
}
