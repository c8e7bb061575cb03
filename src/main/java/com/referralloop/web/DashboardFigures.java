package com.referralloop.web;

import com.referralloop.web.ProgramFigures.ReferenceCustomer;
import com.referralloop.web.ProgramFigures.ReferralNode;
import java.time.LocalDate;
import java.util.List;

/** The figures the dashboard shows, each also served as JSON under /api/dashboard. */
public final class DashboardFigures {

    private DashboardFigures() {
    }

    /**
     * NPS over the period: % promoters minus % detractors, rounded; null when nobody answered.
     */
    public record Nps(Integer nps, long responses, long promoters, long passives, long detractors) { }

    /** NPS of one ISO week (starting Monday, UTC). */
    public record NpsWeek(LocalDate weekStart, Integer nps, long responses, long promoters, long passives,
                          long detractors) { }

    /**
     * From promoter to impact: promoters who answered, whose follow-up someone acted on, who consented, and
     * what came of it (reference calls used, testimonials, referrals).
     */
    public record Funnel(long promoters, long acknowledged, long consents, long referencesUsed, long testimonials,
                         long referrals) { }

    /**
     * Share of follow-ups acted on (acknowledged, snoozed or closed by a person) before they were due.
     *
     * @param compliance onTime / (onTime + late + overdueOpen) in percent, null when there is nothing to judge yet
     */
    public record Sla(long onTime, long late, long overdueOpen, long pending, Integer compliance) { }

    /** Hours from the answer reaching Referral Loop to the follow-up's first outcome. */
    public record TimeToImpact(long outcomes, Double medianHours, Double p90Hours, Double averageHours) { }

    /** Follow-ups not closed yet, per owner ("unassigned" when the account has none). */
    public record OwnerLoad(String owner, long open, long overdue) { }

    /** Everything at once, as the page renders it. */
    public record All(DashboardFilter filter, Nps nps, List<NpsWeek> npsByWeek, Funnel funnel, Sla sla,
                      TimeToImpact timeToImpact, List<OwnerLoad> owners, long ownersWithOpen,
                      List<ReferenceCustomer> topReferences, List<ReferralNode> referralTrees) { }
}
