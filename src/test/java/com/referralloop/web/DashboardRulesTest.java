package com.referralloop.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.referralloop.feedback.Feedback;
import com.referralloop.feedback.NpsCategory;
import com.referralloop.followup.FollowUp;
import com.referralloop.followup.FollowUpEvent;
import com.referralloop.followup.FollowUpKind;
import com.referralloop.followup.FollowUpOutcome;
import com.referralloop.followup.FollowUpState;
import com.referralloop.web.DashboardFigures.NpsWeek;
import com.referralloop.web.DashboardFigures.TimeToImpact;
import com.referralloop.web.ProgramFigures.ReferralRow;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
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

    static FollowUp closed(String created, String closedAt, FollowUpOutcome outcome) {
        List<FollowUpEvent> events = new ArrayList<>();
        events.add(new FollowUpEvent(Instant.parse(created), "CREATED", "system", null, FollowUpState.OPEN, null));
        events.add(new FollowUpEvent(Instant.parse(closedAt), "TRANSITION", "rep", FollowUpState.OPEN, FollowUpState.CLOSED, null));
        return new FollowUp("F1", "fb", FollowUpKind.PROMOTER, FollowUpState.CLOSED, null, null, null, null, null, 9, null, "s",
                null, null, null, null, null, Instant.parse(created), Instant.parse(created).plusSeconds(172800), null, null, 0,
                outcome, null, "rep", events, List.of(), List.of());
    }

    @Test
    void timeToImpactCountsOnlyOutcomesThatMoveTheLoop() {
        TimeToImpact t = DashboardService.timeToImpact(List.of(
                closed("2026-11-01T00:00:00Z", "2026-11-01T02:00:00Z", FollowUpOutcome.REFERRAL_ASKED),
                closed("2026-11-01T00:00:00Z", "2026-11-01T10:00:00Z", FollowUpOutcome.CONSENT_RECORDED),
                closed("2026-11-01T00:00:00Z", "2026-11-02T00:00:00Z", FollowUpOutcome.TESTIMONIAL_REQUESTED),
                closed("2026-11-01T00:00:00Z", "2026-11-01T00:30:00Z", FollowUpOutcome.DECLINED)));
        assertThat(t.outcomes()).isEqualTo(3);
        assertThat(t.medianHours()).isEqualTo(10.0);
        assertThat(t.p90Hours()).isEqualTo(24.0);
        assertThat(t.averageHours()).isEqualTo(12.0);
    }

    @Test
    void theSchedulerWakingASnoozeIsNotAHumanAction() {
        FollowUp f = closed("2026-11-01T00:00:00Z", "2026-11-03T00:00:00Z", FollowUpOutcome.RESOLVED);
        List<FollowUpEvent> events = new ArrayList<>(f.events());
        events.add(1, new FollowUpEvent(Instant.parse("2026-11-01T05:00:00Z"), "TRANSITION", "Referral Loop",
                FollowUpState.SNOOZED, FollowUpState.OPEN, "snooze ended"));
        events.add(1, new FollowUpEvent(Instant.parse("2026-11-01T01:00:00Z"), "REMINDER", "system",
                FollowUpState.OPEN, FollowUpState.OPEN, null));
        FollowUp withNoise = new FollowUp(f.id(), f.feedbackId(), f.kind(), f.state(), null, null, null, null, null, 9, null, "s",
                null, null, null, null, null, f.createdAt(), f.dueAt(), null, null, 0, f.outcome(), null, "rep", events, List.of(), List.of());
        assertThat(DashboardService.firstHumanAction(withNoise).orElseThrow().at()).isEqualTo(Instant.parse("2026-11-03T00:00:00Z"));
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
