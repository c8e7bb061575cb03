package com.referralloop.referral;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.referralloop.support.InvalidInputException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The referral-program rules that need no store: consent expiry, quarters, fatigue, grades, parsing. */
class ProgramRulesTest {

    private static Consent consent(ConsentLevel level, LocalDate expires, boolean withdrawn) {
        return new Consent("1", "a@x.com", "A-1", level, level == null ? List.of() : level.defaultScope(), expires, null,
                "t", Instant.parse("2026-01-01T00:00:00Z"), withdrawn, null);
    }

    @Test
    void consentHoldsThroughItsLastDayAndNotAfter() {
        Consent c = consent(ConsentLevel.ACTIVE, LocalDate.parse("2026-06-30"), false);
        assertThat(c.liveOn(LocalDate.parse("2026-06-30"))).isTrue();
        assertThat(c.liveOn(LocalDate.parse("2026-07-01"))).isFalse();
        assertThat(consent(ConsentLevel.PASSIVE, null, false).liveOn(LocalDate.parse("2999-01-01"))).isTrue();
        assertThat(consent(null, null, true).liveOn(LocalDate.parse("2026-01-01"))).isFalse();
    }

    @Test
    void levelsIncludeTheWeakerOnesAndDefaultScopesFollowTheLevel() {
        assertThat(ConsentLevel.SALES.atLeast(ConsentLevel.ACTIVE)).isTrue();
        assertThat(ConsentLevel.PASSIVE.atLeast(ConsentLevel.ACTIVE)).isFalse();
        assertThat(ConsentLevel.PASSIVE.defaultScope()).doesNotContain("call");
        assertThat(ConsentLevel.ACTIVE.defaultScope()).contains("call");
        assertThat(ConsentLevel.parse(" Marketing ")).isEqualTo(ConsentLevel.MARKETING);
        assertThatThrownBy(() -> ConsentLevel.parse("friend")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("passive|active|marketing|sales");
    }

    @Test
    void quartersStartOnTheFirstOfJanuaryAprilJulyAndOctober() {
        assertThat(Fatigue.quarterStart(LocalDate.parse("2026-03-31"))).isEqualTo(LocalDate.parse("2026-01-01"));
        assertThat(Fatigue.quarterStart(LocalDate.parse("2026-04-01"))).isEqualTo(LocalDate.parse("2026-04-01"));
        assertThat(Fatigue.quarterStart(LocalDate.parse("2026-11-25"))).isEqualTo(LocalDate.parse("2026-10-01"));
        assertThat(Fatigue.nextQuarterStart(Instant.parse("2026-12-31T23:59:59Z"))).isEqualTo(Instant.parse("2027-01-01T00:00:00Z"));
    }

    @Test
    void fatigueCountsOnlyAsksInTheCurrentQuarter() {
        List<Instant> asks = List.of(Instant.parse("2026-09-30T23:59:59Z"), Instant.parse("2026-10-01T00:00:00Z"),
                Instant.parse("2026-11-20T10:00:00Z"));
        Instant now = Instant.parse("2026-12-01T00:00:00Z");
        assertThat(Fatigue.asksThisQuarter(asks, now)).isEqualTo(2);
        assertThat(Fatigue.overLimit(asks, now, 2)).isTrue();
        assertThat(Fatigue.overLimit(asks, now, 3)).isFalse();
        // a new quarter starts fresh
        assertThat(Fatigue.overLimit(asks, Instant.parse("2027-01-01T00:00:00Z"), 1)).isFalse();
        assertThat(Fatigue.overLimit(List.of(), now, 0)).isTrue();
    }

    @Test
    void searchOrderIsA1_2BCThenUnratedAndNeverD() {
        List<RatingGrade> order = List.of(RatingGrade.A, RatingGrade.ONE, RatingGrade.TWO, RatingGrade.B, RatingGrade.C);
        for (int i = 1; i < order.size(); i++) {
            assertThat(RatingGrade.searchRank(order.get(i - 1))).isLessThan(RatingGrade.searchRank(order.get(i)));
        }
        assertThat(RatingGrade.searchRank(null)).isGreaterThan(RatingGrade.searchRank(RatingGrade.C));
        assertThat(RatingGrade.searchRank(RatingGrade.D)).isGreaterThan(RatingGrade.searchRank(null));
        assertThat(RatingGrade.parse("1")).isEqualTo(RatingGrade.ONE);
        assertThat(RatingGrade.parse("a")).isEqualTo(RatingGrade.A);
    }

    @Test
    void riskFlagsValuesAndTreesParse() {
        assertThat(RiskFlag.parseList("political, repeat-purchase")).containsExactly(RiskFlag.POLITICAL, RiskFlag.REPEAT_PURCHASE);
        assertThat(RiskFlag.parseList("none")).isEmpty();
        assertThat(ReferralService.parseValue("12k")).isEqualTo(12000);
        assertThat(ReferralService.parseValue("12,500")).isEqualTo(12500);
        assertThatThrownBy(() -> ReferralService.parseValue("-3")).isInstanceOf(InvalidInputException.class);
        Instant t = Instant.EPOCH;
        List<Referral> tree = List.of(
                new Referral("L1", "a", "a", "a", "A-1", "x", null, null, null, 1, ReferralStatus.WON, 100, "u", t, t),
                new Referral("L2", "a", "a", "a", "A-1", "y", null, null, null, 1, ReferralStatus.NEW, 0, "u", t, t),
                new Referral("L3", null, "x", "a", "A-1", "z", null, null, "L1", 2, ReferralStatus.WON, 50, "u", t, t));
        ReferralService.Tree s = ReferralService.summarise(tree);
        assertThat(s.describe()).isEqualTo("2 direct, 3 in all across 2 generations; 2 won worth 150");
    }

    @Test
    void propertiesHaveDefaultsAndMergeScopes() {
        ProgramProperties p = new ProgramProperties(null, List.of(" Podcast ", ""), null, null, List.of("Boss@X.com"),
                null, " ", null, null);
        assertThat(p.fatigueLimitPerQuarter()).isEqualTo(2);
        assertThat(p.scopes()).containsExactly("logo", "quote", "case-study", "call", "review-site", "podcast");
        assertThat(p.reviewInterval()).isEqualTo(Period.ofYears(1));
        assertThat(p.adminEmails()).containsExactly("boss@x.com");
        assertThat(p.adminSlackUsergroup()).isNull();
        assertThat(p.strengths()).contains("migration");
        assertThatThrownBy(() -> new ProgramProperties(-1, null, null, null, null, null, null, null, null))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
