package com.referralloop.web;

import com.referralloop.request.Money;
import com.referralloop.web.RequestFigures.QuarterInfluence;
import com.referralloop.web.RequestFigures.Requests;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The dashboard's "Reference requests" card: the request figures in people's words (stage labels, formatted
 * amounts, one summary line), so the page's text and its charts say the same thing without JavaScript knowing
 * the state names.
 *
 * @param stages       every stage the endpoint returned, in its order, with a label
 * @param quarters     won deals per quarter, oldest first
 * @param requests     requests made in the period (the sum of the stages)
 * @param won          of those, the ones whose deal is won
 * @param influenced   revenue of the deals won in the period, whole currency units
 * @param summary      the card's text summary, e.g. "7 requests · 2 won · 24,000 influenced"
 * @param sourceIgnored true when a survey source is chosen: requests come from reps, not from survey answers
 */
public record RequestCard(List<Stage> stages, List<Quarter> quarters, long requests, long won, long influenced,
                          String summary, boolean sourceIgnored) {

    /** One bar of the stage chart. */
    public record Stage(String key, String label, long count) { }

    /** One row of the influenced-revenue table ("2026-Q4" shown as "Q4 2026"). */
    public record Quarter(String quarter, String label, long deals, long amount, String amountText) { }

    // human words for the endpoint's stage keys; an unknown key is shown with its underscores as spaces
    private static final Map<String, String> LABELS = Map.ofEntries(
            Map.entry("requested", "Requested"), Map.entry("approved", "Approved by owner"),
            Map.entry("declined", "Declined by owner"), Map.entry("introduced", "Customer yes, intro sent"),
            Map.entry("customer_declined", "Customer no"), Map.entry("call_held", "Call held"),
            Map.entry("no_show", "No-show"), Map.entry("won", "Won"), Map.entry("lost", "Lost"),
            Map.entry("superseded", "Other contact suggested"), Map.entry("consent_withdrawn", "Consent withdrawn"));

    public boolean empty() {
        return requests == 0 && quarters.isEmpty();
    }

    public static RequestCard of(Requests figures, DashboardFilter filter) {
        List<Stage> stages = figures.byStage().entrySet().stream()
                .map(e -> new Stage(e.getKey(), label(e.getKey()), e.getValue())).toList();
        List<Quarter> quarters = figures.influenceByQuarter().stream().map(RequestCard::quarter).toList();
        long requests = stages.stream().mapToLong(Stage::count).sum();
        long won = figures.byStage().getOrDefault("won", 0L);
        long influenced = figures.influenceByQuarter().stream().mapToLong(QuarterInfluence::amount).sum();
        String summary = requests + (requests == 1 ? " request" : " requests") + " · " + won + " won · "
                + Money.format(influenced) + " influenced";
        return new RequestCard(stages, quarters, requests, won, influenced, summary, filter.source() != null);
    }

    static String label(String key) {
        String known = LABELS.get(key);
        if (known != null) {
            return known;
        }
        String words = key.replace('_', ' ');
        return words.isEmpty() ? words : words.substring(0, 1).toUpperCase(Locale.ROOT) + words.substring(1);
    }

    private static Quarter quarter(QuarterInfluence q) {
        String[] yearAndQuarter = q.quarter().split("-", 2);
        String label = yearAndQuarter.length == 2 ? yearAndQuarter[1] + " " + yearAndQuarter[0] : q.quarter();
        return new Quarter(q.quarter(), label, q.deals(), q.amount(), Money.format(q.amount()));
    }
}
