package com.referralloop.sla;

import static org.assertj.core.api.Assertions.assertThat;

import com.referralloop.chat.ChatAction;
import com.referralloop.chat.ChatUser;
import com.referralloop.chat.Platform;
import com.referralloop.chat.outbox.OutboxMessage;
import com.referralloop.command.ActionInvocation;
import com.referralloop.command.ActionRouter;
import com.referralloop.command.ChatReply;
import com.referralloop.support.Http;
import com.referralloop.support.MutableClock;
import com.referralloop.support.TimedTest;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;

@TimedTest
class ReviewJobTest {

    static final ChatUser REP = new ChatUser(Platform.SLACK, "U-REP", "rep", "rep@vendor.com");

    @LocalServerPort
    int port;
    @Autowired
    MongoTemplate mongo;
    @Autowired
    MutableClock clock;
    @Autowired
    ReviewJob job;
    @Autowired
    FakeReviewSources sources;
    @Autowired
    ActionRouter actions;
    @Autowired
    ReviewStore reviews;

    SlaFixtures fx;
    Instant start;

    @BeforeEach
    void setUp() {
        clock.set(Instant.now().truncatedTo(ChronoUnit.MILLIS));
        start = clock.instant();
        SlaFixtures.clean(mongo);
        sources.clear();
        fx = new SlaFixtures(new Http(port), mongo);
        fx.importAccounts();
    }

    @Test
    void aRatingComesUpForReviewAYearAfterItsLastReviewAndStillValidStartsANewYear() {
        // GIVEN Acme's rating was recorded at the start
        sources.candidates.add(new ReviewCandidates.Candidate("A-1", "rating 1 · consent active for alice@acme.com", start));
        reviews.changed("A-1", start);

        // WHEN a day less than a calendar year passes THEN no prompt
        Instant aYearOn = yearAfter(start);
        clock.set(aYearOn.minus(Duration.ofDays(1)));
        assertThat(job.runOnce().reviewPrompts()).isZero();

        // WHEN a year has passed THEN the owner gets one prompt with the three buttons, even if the job runs twice
        clock.set(aYearOn);
        assertThat(job.runOnce().reviewPrompts()).isEqualTo(1);
        assertThat(job.runOnce().reviewPrompts()).isZero();
        List<OutboxMessage> prompts = fx.outbox("review:A-1:");
        assertThat(prompts).singleElement().satisfies(m -> {
            assertThat(m.target().destination()).isEqualTo("rep@vendor.com");
            assertThat(m.message().fields().get(1).value()).contains("rating 1");
            assertThat(m.message().actions()).extracting(ChatAction::id)
                    .containsExactly(ReviewActions.STILL_VALID, ReviewActions.CHANGE, ReviewActions.WITHDRAW);
            assertThat(m.message().actions()).extracting(ChatAction::value).containsOnly("A-1");
        });

        // WHEN the owner clicks Still valid THEN the review is recorded in reviews and the next is a year later
        ChatReply ok = actions.handle(new ActionInvocation(ReviewActions.STILL_VALID, "A-1", REP, Map.of()));
        assertThat(ok.error()).as(ok.text()).isFalse();
        assertThat(ok.text()).contains("still valid");
        assertThat(reviews.find("A-1").orElseThrow().lastReviewedAt()).isEqualTo(aYearOn);
        // (a calendar year: 365 or 366 days, as the rating's next review date)
        assertThat(ok.text()).contains("Next review due " + java.time.LocalDate.ofInstant(yearAfter(aYearOn), ZoneOffset.UTC));
        clock.set(yearAfter(aYearOn).minus(Duration.ofDays(1)));
        assertThat(job.runOnce().reviewPrompts()).isZero();
        clock.set(yearAfter(aYearOn));
        assertThat(job.runOnce().reviewPrompts()).isEqualTo(1);
        assertThat(fx.outbox("review:A-1:")).hasSize(2);
    }

    private static Instant yearAfter(Instant t) {
        return t.atZone(ZoneOffset.UTC).plusYears(1).toInstant();
    }

    @Test
    void changeAndWithdrawAnswerWithTheCommandToType() {
        ChatReply change = actions.handle(new ActionInvocation(ReviewActions.CHANGE, "A-1", REP, Map.of()));
        ChatReply withdraw = actions.handle(new ActionInvocation(ReviewActions.WITHDRAW, "A-1", REP, Map.of()));
        ChatReply unknown = actions.handle(new ActionInvocation(ReviewActions.WITHDRAW, "NOPE", REP, Map.of()));

        assertThat(change.text()).contains("/referral rate A-1 <A|1|B|2|C|D>").contains("/referral consent alice@acme.com");
        assertThat(withdraw.text()).contains("/referral withdraw alice@acme.com reason=");
        assertThat(unknown.error()).isTrue();
        assertThat(reviews.find("A-1")).isEmpty();
    }

    @Test
    void aConsentExpiringWithin30DaysPromptsOneRenewal() {
        // GIVEN Alice's consent expires in 40 days, Dan's in 10
        sources.consents.add(new ExpiringConsents.Expiring("K-1", "alice@acme.com", "A-1", "active", "quote",
                start.plus(Duration.ofDays(40))));
        sources.consents.add(new ExpiringConsents.Expiring("K-2", "dan@globex.com", "A-2", "marketing", null,
                start.plus(Duration.ofDays(10))));

        // WHEN the job runs now, again, and 11 days later (Alice's is then 29 days away)
        assertThat(job.runOnce().renewalPrompts()).isEqualTo(1);
        assertThat(job.runOnce().renewalPrompts()).isZero();
        clock.set(start.plus(Duration.ofDays(11)));
        assertThat(job.runOnce().renewalPrompts()).isEqualTo(1);

        // THEN each owner got one renewal prompt that names the command to record the renewal
        assertThat(fx.outbox("consent:K-2:renew:")).singleElement().satisfies(m -> {
            assertThat(m.target().destination()).isEqualTo("sam@vendor.com");
            assertThat(m.message().text()).contains("/referral consent dan@globex.com level=marketing");
        });
        assertThat(fx.outbox("consent:K-1:renew:")).hasSize(1);
    }
}
