package com.referralloop.web;

import com.referralloop.web.DashboardFigures.Sla;
import com.referralloop.web.DashboardFigures.TimeToImpact;
import java.util.List;
import java.util.TreeMap;
import org.bson.Document;

/**
 * Adds up the day documents of {@link FollowUpDayFigure} for one source (or all): the promoters acted on, the
 * SLA and the time to impact of a period, exactly as if its follow-ups had been counted at once.
 *
 * @param promoters promoters' follow-ups of the period
 * @param acted     how many of them a person acted on
 */
record FollowUpDayFolds(long promoters, long acted, Sla sla, TimeToImpact timeToImpact) {

    static FollowUpDayFolds of(List<Document> days, String source) {
        long n = 0, promoters = 0, acted = 0, onTime = 0, late = 0, overdue = 0, ttiN = 0, ttiMs = 0;
        TreeMap<Long, Long> tenths = new TreeMap<>();
        for (Document day : days) {
            for (Document c : day.getList("counts", Document.class)) {
                if (source != null && !source.equals(c.getString("source"))) {
                    continue;
                }
                n += num(c, "n");
                promoters += num(c, "promoters");
                acted += num(c, "acted");
                onTime += num(c, "onTime");
                late += num(c, "late");
                overdue += num(c, "overdue");
                ttiN += num(c, "ttiN");
                ttiMs += num(c, "ttiMs");
                for (List<?> t : c.getList("tti", List.class)) {
                    tenths.merge(((Number) t.get(0)).longValue(), ((Number) t.get(1)).longValue(), Long::sum);
                }
            }
        }
        long judged = onTime + late + overdue;
        Sla sla = new Sla(onTime, late, overdue, n - judged, judged == 0 ? null : (int) Math.round(100.0 * onTime / judged));
        TimeToImpact tti = ttiN == 0 ? new TimeToImpact(0, null, null, null)
                : new TimeToImpact(ttiN, nth(tenths, FollowUpFigures.rank(ttiN, 0.5)), nth(tenths, FollowUpFigures.rank(ttiN, 0.9)),
                        Math.round(ttiMs / (double) ttiN / 3_600_000.0 * 10) / 10.0);
        return new FollowUpDayFolds(promoters, acted, sla, tti);
    }

    /** The value at a 0-based rank of the counts per tenth of an hour, in hours. */
    private static Double nth(TreeMap<Long, Long> tenths, long rank) {
        long seen = 0;
        for (var e : tenths.entrySet()) {
            seen += e.getValue();
            if (rank < seen) {
                return e.getKey() / 10.0;
            }
        }
        return null;
    }

    private static long num(Document d, String key) {
        return d.get(key) == null ? 0 : ((Number) d.get(key)).longValue();
    }
}
