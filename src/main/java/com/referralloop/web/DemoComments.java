package com.referralloop.web;

import com.referralloop.feedback.NpsCategory;
import java.util.List;
import java.util.Map;

/**
 * The sample answers' comments, one pool per NPS category, so a demo 9 praises and a demo 3 complains:
 * a newcomer reading the dashboard must not see a detractor thanking support.
 */
final class DemoComments {

    private static final Map<NpsCategory, List<String>> POOLS = Map.of(
            NpsCategory.PROMOTER, List.of("Support answered within minutes", "The new reporting saves us hours",
                    "We recommend you to everyone", "Your team feels like ours", "Onboarding was quick and painless"),
            NpsCategory.PASSIVE, List.of("Solid, a few rough edges", "Does the job, nothing more",
                    "Good overall, the reports could be faster"),
            NpsCategory.DETRACTOR, List.of("Exports keep failing", "Pricing is hard to follow",
                    "Onboarding took too long", "Support took days to answer"));

    private DemoComments() {
    }

    /** The comments an answer of this category may carry. */
    static List<String> poolOf(NpsCategory category) {
        return POOLS.get(category);
    }

    /** The n-th answer's comment: cycles through its category's pool so neighbours differ. */
    static String pick(NpsCategory category, int n) {
        List<String> pool = poolOf(category);
        return pool.get(Math.floorMod(n, pool.size()));
    }
}
