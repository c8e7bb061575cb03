package com.referralloop.referral;

import static com.referralloop.referral.ProgramFixture.OWNER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.referralloop.account.Contact;
import com.referralloop.audit.AuditLog;
import com.referralloop.support.Http;
import com.referralloop.support.IntegrationTest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * The ledger and the fatigue limit against the embedded store with a clock the test moves: the
 * services are built here around a mutable clock, so the shared application context stays the same.
 */
@IntegrationTest
class ClockedLedgerTest {

    /** A clock the test sets. */
    static final class MutableClock extends Clock {
        Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void set(String iso) {
            now = Instant.parse(iso);
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @LocalServerPort
    int port;
    @Autowired
    MongoTemplate mongo;
    @Autowired
    ProgramProperties props;
    @Autowired
    Permissions permissions;
    @Autowired
    ContactResolver resolver;
    @Autowired
    com.referralloop.account.AccountService accountService;

    MutableClock clock;
    ConsentService consents;
    AskService asks;
    Contact alice;

    @BeforeEach
    void setUp() {
        ProgramFixture.clean(mongo);
        ProgramFixture.seed(new Http(port));
        clock = new MutableClock(Instant.parse("2026-06-29T09:00:00Z"));
        AuditLog audit = new AuditLog(mongo, clock);
        consents = new ConsentService(mongo, clock, props, permissions, resolver, audit, event -> { });
        asks = new AskService(mongo, clock, props, permissions, consents, resolver, audit, event -> { });
        alice = resolver.contact("alice@acme.com");
    }

    @Test
    void consentExpiresAfterItsLastDayEverywhereAtOnce() {
        consents.record(OWNER, alice, ConsentLevel.ACTIVE, List.of(), LocalDate.parse("2026-06-30"), "mail");
        assertThat(consents.live(alice.id())).isPresent();
        asks.ask(OWNER, alice, "Hooli", null, null);

        clock.set("2026-06-30T23:59:59Z");
        assertThat(consents.live(alice.id())).isPresent();

        clock.set("2026-07-01T00:00:00Z");
        assertThat(consents.live(alice.id())).isEmpty();
        assertThat(consents.describe(alice.id())).isEqualTo("none (expired 2026-06-30)");
        assertThatThrownBy(() -> asks.ask(OWNER, alice, "Umbrella", null, null)).isInstanceOf(ProgramException.class)
                .hasMessageContaining("none (expired 2026-06-30)");
    }

    @Test
    void theLatestEntryWinsEvenWithinTheSameInstant() {
        consents.record(OWNER, alice, ConsentLevel.SALES, List.of(), null, null);
        consents.withdraw(OWNER, alice, "changed her mind");
        consents.record(OWNER, alice, ConsentLevel.PASSIVE, List.of("logo"), null, null);
        assertThat(consents.live(alice.id()).orElseThrow().level()).isEqualTo(ConsentLevel.PASSIVE);
        assertThat(consents.history(alice.id())).extracting(Consent::withdrawn).containsExactly(false, true, false);
    }

    @Test
    void theFatigueLimitResetsWhenANewQuarterStarts() {
        consents.record(OWNER, alice, ConsentLevel.ACTIVE, List.of(), null, null);
        asks.ask(OWNER, alice, "Hooli", null, null);
        clock.advance(Duration.ofHours(1));
        asks.ask(OWNER, alice, "Umbrella", null, null);
        assertThatThrownBy(() -> asks.ask(OWNER, alice, "Initech", null, null)).isInstanceOf(ProgramException.class)
                .hasMessageContaining("(2026-06-29, 2026-06-29)");

        clock.set("2026-07-01T00:00:00Z");
        assertThat(asks.underLimit(alice.id())).isTrue();
        ReferenceAsk r = asks.ask(OWNER, alice, "Initech", null, null);
        assertThat(r.override()).isNull();
        assertThat(asks.asksThisQuarter(alice.id())).isEqualTo(1);
        assertThat(asks.asksOf(alice.id())).hasSize(3);
    }

    @Test
    void anOverrideBelowTheLimitIsNotRecordedAsOne() {
        consents.record(OWNER, alice, ConsentLevel.ACTIVE, List.of(), null, null);
        ReferenceAsk r = asks.ask(OWNER, alice, "Hooli", null, "just in case");
        assertThat(r.override()).isNull();
        assertThat(new AuditLog(mongo, clock).about(alice.id())).extracting(e -> e.action()).doesNotContain("FATIGUE_OVERRIDE");
    }

    @Test
    void aRatingIsDueForReviewAYearAfterItWasGiven() {
        RatingService ratings = new RatingService(mongo, clock, props, permissions, consents, accountService,
                new AuditLog(mongo, clock), event -> { });
        ratings.rate(OWNER, resolver.account("A-1"), RatingGrade.B, List.of(RiskFlag.ECONOMIC), null, null);
        assertThat(ratings.find("A-1").orElseThrow().nextReview()).isEqualTo(LocalDate.parse("2027-06-29"));

        clock.set("2027-06-28T12:00:00Z");
        assertThat(ratings.dueForReview()).isEmpty();
        assertThat(ratings.describe("A-1")).contains("next review 2027-06-29");

        clock.set("2027-06-30T12:00:00Z");
        assertThat(ratings.dueForReview()).extracting(AccountRating::accountId).containsExactly("A-1");
        assertThat(ratings.describe("A-1")).contains("review overdue since 2027-06-29");
    }

    @Test
    void concurrentAsksNeverExceedTheLimit() throws Exception {
        consents.record(OWNER, alice, ConsentLevel.ACTIVE, List.of(), null, null);
        var pool = java.util.concurrent.Executors.newFixedThreadPool(6);
        var start = new java.util.concurrent.CountDownLatch(1);
        List<java.util.concurrent.Future<String>> results = new java.util.ArrayList<>();
        for (int i = 0; i < 6; i++) {
            String prospect = "P" + i;
            results.add(pool.submit(() -> {
                start.await();
                try {
                    return asks.ask(OWNER, alice, prospect, null, null).id();
                } catch (ProgramException refused) {
                    return "refused";
                }
            }));
        }
        start.countDown();
        long recorded = 0;
        for (var f : results) {
            recorded += f.get(30, java.util.concurrent.TimeUnit.SECONDS).equals("refused") ? 0 : 1;
        }
        pool.shutdown();
        // the limit holds; racers that saw each other back off (all of them may, see AskService#ask)
        assertThat(recorded).isBetween(0L, 2L);
        assertThat(asks.asksThisQuarter(alice.id())).isEqualTo(recorded);
        // and a retry after the race sees the real count: it is recorded while under the limit, refused at it
        for (long n = recorded; n < 2; n++) {
            asks.ask(OWNER, alice, "retry" + n, null, null);
        }
        assertThat(asks.asksThisQuarter(alice.id())).isEqualTo(2);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> asks.ask(OWNER, alice, "one too many", null, null))
                .isInstanceOf(ProgramException.class);
    }
}
