package com.referralloop.web;

import java.util.List;
import java.util.Map;

/**
 * What reference requests contribute to the dashboard: how many of the period's requests stand at each stage,
 * and the revenue they influenced per quarter. The request feature implements it as a bean.
 */
public interface RequestFigures {

    /** Requests made in the period, counted by the state they are in now (every state present, 0 when none). */
    Map<String, Long> byStage(DashboardFilter filter);

    /** Deals won in the period after a reference introduction, per calendar quarter ("2026-Q4"), oldest first. */
    List<QuarterInfluence> influenceByQuarter(DashboardFilter filter);

    record QuarterInfluence(String quarter, long deals, long amount) { }

    /** The figures as the page and the API serve them. */
    record Requests(Map<String, Long> byStage, List<QuarterInfluence> influenceByQuarter) { }
}
