package com.referralloop.followup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.referralloop.chat.ChatUser;
import com.referralloop.chat.Platform;
import com.referralloop.feedback.FeedbackService;
import com.referralloop.feedback.SurveyResponse;
import com.referralloop.support.Http;
import com.referralloop.support.IntegrationTest;
import com.referralloop.support.MutableClock;
import com.referralloop.support.Stores;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.test.context.TestPropertySource;

/** A follow-up's life: legal and illegal moves, the recorded history, snooze and wake, and double clicks. */
@IntegrationTest
@Import(MutableClock.Config.class)
@TestPropertySource(properties = "referral.outbox.enabled=false")
class FollowUpLifecycleTest {

    static final ChatUser ANA = new ChatUser(Platform.SLACK, "U1", "Ana", "rep@vendor.com");
    static final ChatUser BEN = new ChatUser(Platform.DISCORD, "D2", "Ben", "ben@vendor.com");

    @LocalServerPort
    int port;

    @Autowired
    MongoTemplate mongo;

    @Autowired
    FollowUpService followUps;
    @Autowired
    FollowUpOpener opener;

    @Autowired
    FeedbackService feedback;

    @Autowired
    MutableClock clock;

    int seq;

    @BeforeEach
    void setUp() {
        clock.reset();
        Stores.clear(mongo);
    }

    @AfterEach
    void tearDown() {
        clock.reset();
    }

    FollowUp open(int score) {
        String id = "life-" + (++seq) + "-" + System.nanoTime();
        var stored = feedback.store(new SurveyResponse("nps", id, score, "ok", "alice@acme.com", null, null, "{}"));
        return opener.openFor(stored.feedback().id()).orElseThrow();
    }

    @Test
    void everyTransitionIsRecordedWithWhoWhenFromAndTo() {
        // GIVEN an open promoter follow-up
        FollowUp f = open(9);
        Instant t0 = clock.instant();

        // WHEN Ana acknowledges, snoozes it, it wakes, and Ben closes it
        clock.advance(Duration.ofMinutes(5));
        followUps.acknowledge(f.id(), ANA);
        clock.advance(Duration.ofMinutes(5));
        followUps.snooze(f.id(), clock.instant().plus(Duration.ofHours(1)), ANA);
        clock.advance(Duration.ofHours(1));
        assertThat(followUps.reopenDueSnoozes()).isEqualTo(1);
        clock.advance(Duration.ofMinutes(1));
        FollowUp closed = followUps.close(f.id(), FollowUpOutcome.REFERRAL_ASKED, "asked for an intro", BEN);

        // THEN the history holds each step in order
        assertThat(closed.state()).isEqualTo(FollowUpState.CLOSED);
        assertThat(closed.outcome()).isEqualTo(FollowUpOutcome.REFERRAL_ASKED);
        List<FollowUpEvent> moves = closed.events().stream().filter(e -> e.type().equals("TRANSITION")).toList();
        assertThat(moves).extracting(FollowUpEvent::from, FollowUpEvent::to, FollowUpEvent::by).containsExactly(
                org.assertj.core.groups.Tuple.tuple(FollowUpState.OPEN, FollowUpState.ACKNOWLEDGED, "Ana"),
                org.assertj.core.groups.Tuple.tuple(FollowUpState.ACKNOWLEDGED, FollowUpState.SNOOZED, "Ana"),
                org.assertj.core.groups.Tuple.tuple(FollowUpState.SNOOZED, FollowUpState.OPEN, "Referral Loop"),
                org.assertj.core.groups.Tuple.tuple(FollowUpState.OPEN, FollowUpState.CLOSED, "Ben"));
        assertThat(moves).extracting(FollowUpEvent::at).containsExactly(
                t0.plus(Duration.ofMinutes(5)), t0.plus(Duration.ofMinutes(10)),
                t0.plus(Duration.ofMinutes(70)), t0.plus(Duration.ofMinutes(71)));
        assertThat(moves.get(3).note()).contains("asked for an intro");
        assertThat(closed.events().get(0).type()).isEqualTo("CREATED");
        assertThat(closed.lastActor()).isEqualTo("Ben");
    }

    @Test
    void illegalTransitionsAreRefusedWithAClearError() {
        FollowUp f = open(10);
        assertThatThrownBy(() -> followUps.reopen(f.id(), ANA))
                .isInstanceOf(FollowUpException.class).hasMessageContaining("is open; it cannot become open");
        followUps.acknowledge(f.id(), ANA);
        assertThatThrownBy(() -> followUps.acknowledge(f.id(), BEN))
                .isInstanceOf(FollowUpException.class).hasMessageContaining("is acknowledged; it cannot become acknowledged");
        assertThatThrownBy(() -> followUps.close(f.id(), FollowUpOutcome.NOT_SUITABLE, " ", ANA))
                .isInstanceOf(FollowUpException.class).hasMessageContaining("reason is required");
        assertThatThrownBy(() -> followUps.snooze(f.id(), clock.instant().minusSeconds(1), ANA))
                .isInstanceOf(FollowUpException.class).hasMessageContaining("future");
        followUps.close(f.id(), FollowUpOutcome.DECLINED, null, ANA);
        assertThatThrownBy(() -> followUps.acknowledge(f.id(), BEN))
                .isInstanceOf(FollowUpException.class).hasMessageContaining("is closed").hasMessageContaining("closed by Ana");
        assertThatThrownBy(() -> followUps.snooze(f.id(), clock.instant().plusSeconds(60), BEN))
                .isInstanceOf(FollowUpException.class).hasMessageContaining("is closed");
        assertThatThrownBy(() -> followUps.acknowledge("FNOSUCH", BEN))
                .isInstanceOf(FollowUpException.class).hasMessageContaining("no follow-up with id FNOSUCH");
        // a refused move leaves no trace
        FollowUp after = followUps.get(f.id());
        assertThat(after.events().stream().filter(e -> e.type().equals("TRANSITION")).count()).isEqualTo(2);
    }

    @Test
    void aSnoozedFollowUpWakesAtItsTimeNotBefore() {
        FollowUp f = open(9);
        Instant until = clock.instant().plus(Duration.ofDays(1));
        followUps.snooze(f.id(), until, ANA);

        clock.set(until.minusSeconds(1));
        followUps.reopenDueSnoozes();
        assertThat(followUps.get(f.id()).state()).isEqualTo(FollowUpState.SNOOZED);
        assertThat(followUps.get(f.id()).snoozedUntil()).isEqualTo(until);

        clock.set(until);
        followUps.reopenDueSnoozes();
        FollowUp woken = followUps.get(f.id());
        assertThat(woken.state()).isEqualTo(FollowUpState.OPEN);
        assertThat(woken.snoozedUntil()).isNull();
        FollowUpEvent last = woken.events().get(woken.events().size() - 1);
        assertThat(last.at()).isEqualTo(until);
        assertThat(last.note()).isEqualTo("snooze ended");
    }

    @Test
    void aConcurrentDoubleClickHasOneWinnerAndTheOtherIsToldWhy() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 15; round++) {
                // GIVEN one open follow-up; WHEN two people press "acknowledge" and "close" at the same instant
                FollowUp f = open(9);
                CountDownLatch go = new CountDownLatch(1);
                List<Future<String>> clicks = new ArrayList<>();
                clicks.add(pool.submit(() -> click(go, () -> followUps.acknowledge(f.id(), ANA))));
                clicks.add(pool.submit(() -> click(go, () -> followUps.acknowledge(f.id(), BEN))));
                go.countDown();
                List<String> outcomes = new ArrayList<>();
                for (Future<String> c : clicks) {
                    outcomes.add(c.get(30, TimeUnit.SECONDS));
                }

                // THEN exactly one wins; the loser learns the follow-up is already acknowledged, and by whom when known
                assertThat(outcomes).filteredOn("ok"::equals).hasSize(1);
                String loser = outcomes.stream().filter(o -> !o.equals("ok")).findFirst().orElseThrow();
                assertThat(loser).containsAnyOf("changed meanwhile: it is now acknowledged", "is acknowledged; it cannot become acknowledged");
                FollowUp after = followUps.get(f.id());
                assertThat(after.state()).isEqualTo(FollowUpState.ACKNOWLEDGED);
                assertThat(after.events().stream().filter(e -> e.type().equals("TRANSITION")).count()).isEqualTo(1);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static String click(CountDownLatch go, Runnable action) throws InterruptedException {
        go.await();
        try {
            action.run();
            return "ok";
        } catch (FollowUpException e) {
            return e.getMessage();
        }
    }

    @Test
    void listingFiltersByStateKindOwnerAndOverdue() {
        // GIVEN a promoter and a detractor of an account owned by rep@vendor.com, plus one unassigned answer
        Http http = new Http(port);
        String csv = """
                account_id,account_name,owner_email,owner_slack_id,owner_discord_id,manager_email,cs_channel,contact_email,contact_name
                A-1,Acme,rep@vendor.com,,,,,alice@acme.com,Alice
                """;
        assertThat(http.post("/api/accounts/import", "text/csv", csv, Map.of()).statusCode()).isEqualTo(200);
        FollowUp promoter = open(10);
        FollowUp detractor = open(2);
        var stranger = feedback.store(new SurveyResponse("nps", "stranger-" + System.nanoTime(), 9, null, "x@nowhere.org", null, null, "{}"));
        FollowUp unassigned = opener.openFor(stranger.feedback().id()).orElseThrow();
        followUps.acknowledge(detractor.id(), ANA);

        // WHEN listing with each filter; THEN only the matching follow-ups come back
        assertThat(http.get("/api/followups?state=acknowledged").body()).contains(detractor.id())
                .doesNotContain(promoter.id()).doesNotContain(unassigned.id());
        assertThat(http.get("/api/followups?kind=PROMOTER").body()).contains(promoter.id()).contains(unassigned.id())
                .doesNotContain(detractor.id());
        assertThat(http.get("/api/followups?owner=REP@vendor.com").body()).contains(promoter.id()).contains(detractor.id())
                .doesNotContain(unassigned.id());
        assertThat(http.get("/api/followups?unassigned=true").body()).contains(unassigned.id())
                .doesNotContain(promoter.id()).doesNotContain(detractor.id());
        // open=true means "not closed": the acknowledged detractor stays in, a closed one would not
        assertThat(http.get("/api/followups?open=true&owner=rep@vendor.com").body()).contains(detractor.id());
        HttpResponse<String> both = http.get("/api/followups?unassigned=true&owner=rep@vendor.com");
        assertThat(both.statusCode()).isEqualTo(400);
        assertThat(both.body()).contains("not both");
        assertThat(http.get("/api/followups?open=true&state=closed").statusCode()).isEqualTo(400);
        assertThat(http.get("/api/followups?overdue=true").body()).isEqualTo("[]");
        // the detractor is due after 24 h, promoters after 48 h
        clock.advance(Duration.ofHours(25));
        String overdue = http.get("/api/followups?overdue=true").body();
        assertThat(overdue).contains(detractor.id()).doesNotContain(promoter.id());
        clock.reset();
        assertThat(http.get("/api/followups?limit=1").body().split("\"feedbackId\"")).hasSize(2);
        assertThat(http.get("/api/followups/" + promoter.id()).body()).contains("\"state\":\"OPEN\"");
        HttpResponse<String> bad = http.get("/api/followups?state=lost");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("state must be one of");
        assertThat(http.get("/api/followups/FNOSUCH").statusCode()).isEqualTo(404);
    }
}
