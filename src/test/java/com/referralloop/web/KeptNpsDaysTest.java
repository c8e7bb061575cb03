package com.referralloop.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.referralloop.feedback.FeedbackService;
import com.referralloop.feedback.SurveyResponse;
import com.referralloop.support.IntegrationTest;
import com.referralloop.support.Stores;
import com.referralloop.web.NpsByDay.DayCount;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * The kept NPS days against the answers themselves: after every kind of write the app makes to answers (new
 * ones, late ones for a past day, a re-delivery that changes the score or the day), the figure read through
 * {@link KeptDays} equals the one counted from every answer of the period, for every period and source.
 */
@IntegrationTest
class KeptNpsDaysTest {

    @Autowired
    MongoTemplate mongo;

    @Autowired
    FeedbackService feedback;

    KeptDays days;
    final Random random = new Random(16);
    final List<String> stored = new ArrayList<>();

    @BeforeEach
    void empty() {
        Stores.clear(mongo);
        days = new KeptDays(mongo, new NpsDayFigure(mongo), Duration.ZERO);
    }

    @Test
    void keptDaysCountWhatTheAnswersCountAfterEveryKindOfWrite() {
        // GIVEN 400 answers over the last 40 days from two sources, some without an answer time or a score
        for (int i = 0; i < 400; i++) {
            answer("r-" + i, random.nextInt(11), Instant.now().minus(Duration.ofMinutes(random.nextInt(40 * 24 * 60))));
        }
        mongo.getCollection("feedback").insertOne(new Document("_id", "bare|1").append("source", "bare").append("score", 10)
                .append("category", "PROMOTER").append("receivedAt", Date.from(Instant.now().minus(Duration.ofDays(5))))
                .append("updatedAt", new Date()));
        for (int round = 0; round < 25; round++) {
            // WHEN the figure is read for a random period and source
            assertSameAsTheAnswers(round);
            // AND then the app stores more: a new answer, a late one for a past day, a changed score, a moved day
            answer("new-" + round, random.nextInt(11), Instant.now().minusSeconds(30));
            answer("late-" + round, random.nextInt(11), Instant.now().minus(Duration.ofDays(1 + random.nextInt(35))));
            String again = stored.get(random.nextInt(stored.size()));
            answer(again, random.nextInt(11), Instant.now().minus(Duration.ofDays(random.nextInt(3) == 0 ? 1 + random.nextInt(30) : 0)));
        }
        // THEN past days are kept, so a read takes them from there
        assertThat(days.keptDays()).isGreaterThan(30);
    }

    @Test
    void aClockThatWentBackTrustsNothingKept() {
        // GIVEN days kept by a look from a clock a week ahead
        for (int i = 0; i < 60; i++) {
            answer("r-" + i, random.nextInt(11), Instant.now().minus(Duration.ofHours(random.nextInt(20 * 24))));
        }
        Instant ahead = Instant.now().plus(Duration.ofDays(7));
        days.days(ahead.minus(Duration.ofDays(30)), ahead, ahead);
        // WHEN answers are stored at the right time and the figure is read again
        for (int i = 0; i < 20; i++) {
            answer("late-" + i, 10, Instant.now().minus(Duration.ofDays(1 + random.nextInt(15))));
        }
        // THEN it is the answers' count, not what the look ahead kept
        assertSameAsTheAnswers(-1);
    }

    private void assertSameAsTheAnswers(int round) {
        Instant now = Instant.now();
        int[] spans = {1, 7, 30, 90};
        Instant from = round % 5 == 4 ? Instant.EPOCH
                : now.minus(Duration.ofDays(spans[random.nextInt(spans.length)])).minus(Duration.ofMinutes(random.nextInt(600)));
        Instant to = now.plusSeconds(1);
        String source = List.of("", "typeform", "delighted").get(random.nextInt(3));
        String s = source.isEmpty() ? null : source;
        Map<String, Long> kept = byDayAndCategory(NpsDayFigure.fold(days.days(from, to, now), s));
        Map<String, Long> counted = byDayAndCategory(NpsByDay.count(mongo, NpsByDay.answers(from, to, s)));
        assertThat(kept).as("round %d, from %s, source %s", round, from, s).isEqualTo(counted);
        assertThat(counted).isNotEmpty();
    }

    private void answer(String responseId, int score, Instant respondedAt) {
        String source = responseId.hashCode() % 2 == 0 ? "typeform" : "delighted";
        if (responseId.contains("|")) {
            source = responseId.substring(0, responseId.indexOf('|'));
            responseId = responseId.substring(responseId.indexOf('|') + 1);
        }
        // one answer in ten carries no answer time (placed by arrival), one in twenty no score yet
        Instant at = random.nextInt(10) == 0 ? null : respondedAt.truncatedTo(ChronoUnit.SECONDS);
        Integer s = random.nextInt(20) == 0 ? null : score;
        feedback.store(new SurveyResponse(source, responseId, s, null, null, null, at, "{}"));
        stored.add(source + "|" + responseId);
    }

    private static Map<String, Long> byDayAndCategory(List<DayCount> counts) {
        Map<String, Long> by = new TreeMap<>();
        counts.forEach(c -> by.merge(c.day() + " " + c.category(), c.n(), Long::sum));
        return by;
    }
}
