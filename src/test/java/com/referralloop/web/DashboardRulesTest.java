package com.referralloop.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.referralloop.feedback.Feedback;
import com.referralloop.feedback.NpsCategory;
import com.referralloop.followup.FollowUpEvent;
import com.referralloop.followup.FollowUpState;
import com.referralloop.web.DashboardFigures.NpsWeek;
import com.referralloop.web.ProgramFigures.ReferralRow;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The arithmetic behind the dashboard figures. */
class DashboardRulesTest {

    static Feedback answer(NpsCategory c, String respondedAt) {
        return new Feedback("s|" + Math.random(), "s", "r", 0, c, null, null, null, null,
                respondedAt == null ? null : Instant.parse(respondedAt), Instant.parse("2026-11-20T00:00:00Z"), null, true, 1, null);
    }

    @Test
    void npsIsPromotersMinusDetractorsInPercentRounded() {
        assertThat(DashboardService.score(3, 2, 6)).isEqualTo(17);
        assertThat(DashboardService.score(0, 3, 3)).isEqualTo(-100);
        assertThat(DashboardService.score(1, 0, 2)).isEqualTo(50);
        assertThat(DashboardService.score(0, 0, 0)).isNull();
    }

    @Test
    void weeksStartOnMondayAndFallBackToReceivedAt() {
        List<NpsWeek> weeks = DashboardService.npsByWeek(List.of(
                answer(NpsCategory.PROMOTER, "2026-11-16T08:00:00Z"),   // Monday
                answer(NpsCategory.DETRACTOR, "2026-11-22T23:59:00Z"),  // Sunday, same week
                answer(NpsCategory.PROMOTER, null)));                   // received Friday 2026-11-20
        assertThat(weeks).hasSize(1);
        assertThat(weeks.get(0).weekStart()).isEqualTo(LocalDate.parse("2026-11-16"));
        assertThat(weeks.get(0).responses()).isEqualTo(3);
        assertThat(weeks.get(0).nps()).isEqualTo(33);
    }

    @Test
    void theSchedulerWakingASnoozeIsNotAHumanAction() {
        Instant at = Instant.parse("2026-11-01T05:00:00Z");
        assertThat(FollowUpEvent.isHumanAction(new FollowUpEvent(at, "TRANSITION", "Referral Loop",
                FollowUpState.SNOOZED, FollowUpState.OPEN, "snooze ended"))).isFalse();
        assertThat(FollowUpEvent.isHumanAction(new FollowUpEvent(at, "REMINDER", "rep", FollowUpState.OPEN,
                FollowUpState.OPEN, null))).isFalse();
        assertThat(FollowUpEvent.isHumanAction(new FollowUpEvent(at, "TRANSITION", "system", FollowUpState.OPEN,
                FollowUpState.CLOSED, null))).isFalse();
        assertThat(FollowUpEvent.isHumanAction(new FollowUpEvent(at, "TRANSITION", "<@U0REP>", FollowUpState.OPEN,
                FollowUpState.SNOOZED, null))).isTrue();
    }

    @Test
    void percentilesTakeTheNearestRank() {
        assertThat(FollowUpFigures.rank(3, 0.5)).isEqualTo(1);
        assertThat(FollowUpFigures.rank(3, 0.9)).isEqualTo(2);
        assertThat(FollowUpFigures.rank(1, 0.9)).isZero();
        assertThat(FollowUpFigures.rank(10, 0.9)).isEqualTo(8);
    }

    @Test
    void csvNeutralisesSpreadsheetFormulasAndQuotesCommas() {
        String csv = ReferralCsv.render(List.of(new ReferralRow("R1", "alice@acme.com", "Acme, Inc.", "=HYPERLINK(\"x\")",
                null, "+Globex", null, 1, "NEW", Instant.parse("2026-11-25T10:00:00Z"))));
        String row = csv.lines().toList().get(1);
        assertThat(row).contains("\"Acme, Inc.\"").contains("'=HYPERLINK").contains("'+Globex").endsWith("2026-11-25T10:00:00Z");
        assertThat(csv.lines().findFirst().orElseThrow()).isEqualTo(String.join(",", ReferralCsv.HEADER));
    }
}
