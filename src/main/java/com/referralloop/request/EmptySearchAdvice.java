package com.referralloop.request;

import com.referralloop.reference.ReferenceService;
import com.referralloop.reference.ReferenceService.Criteria;
import com.referralloop.reference.ReferenceService.StrengthsOnRecord;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What an empty {@code /reference find} adds: what is missing and the command that records it, so the rep (or
 * the owner they forward it to) knows how to make a result appear instead of meeting a dead end.
 */
final class EmptySearchAdvice {

    /** Enough to choose from; the reply stays far below Slack's 3,000-character section and Discord's 2,000. */
    static final int STRENGTHS_SHOWN = 15;
    /** A free strength can be any text; a long one must not crowd the list out. */
    static final int STRENGTH_CHARS = 40;
    /** Both consent reasons are cured by one entry: level active or above, with call in its scope. */
    static final String CONSENT_COMMAND = "/referral consent <contact> level=active scope=logo,quote,call";
    static final String RATE_COMMAND = "/referral rate <account> <A|1|B|2|C> [reason=...]";

    private EmptySearchAdvice() {
    }

    /** No valid project fits: the project command for this search, and the strengths projects do have. */
    static String noProject(Criteria c, StrengthsOnRecord strengths) {
        StringBuilder b = new StringBuilder("To make one appear, the account's owner records a project: `")
                .append(projectCommand(c)).append('`');
        if (strengths.shown().isEmpty()) {
            b.append("\nNo valid reference project is on record yet.");
        } else {
            b.append("\nStrengths on record: ").append(strengths.shown().stream().map(EmptySearchAdvice::shorten)
                    .collect(Collectors.joining(", ")));
            if (strengths.more() > 0) {
                b.append(" and ").append(strengths.more()).append(" more");
            }
            b.append('.');
        }
        return b.toString();
    }

    /** Projects fit but nobody may be offered: one line per reason that left someone out. */
    static String noContact(Set<String> reasons, int askLimit, LocalDate nextQuarter) {
        Set<String> lines = new LinkedHashSet<>();
        for (String reason : reasons) {
            switch (reason) {
                case ReferenceService.NO_LIVE_CONSENT, ReferenceService.NO_CALLS ->
                        lines.add("record consent of level active or above that covers calls: `" + CONSENT_COMMAND + "`");
                case ReferenceService.OVER_ASK_LIMIT -> lines.add("contacts over the ask limit (" + askLimit
                        + " a quarter) may be asked again from " + nextQuarter);
                case ReferenceService.RATED_D -> lines.add("an account rated D is never offered; once the relationship "
                        + "has recovered, rate it again: `" + RATE_COMMAND + "`");
                default -> { }
            }
        }
        if (lines.isEmpty()) {
            return "";
        }
        return "To make one appear (the account's owner or an admin records it):\n• " + String.join("\n• ", lines);
    }

    /** The project command with this search's own filters filled in, so recording it makes the search succeed. */
    private static String projectCommand(Criteria c) {
        List<String> parts = new ArrayList<>(List.of("/reference project add <account> \"<title>\""));
        parts.add("strengths=" + (c.strength() == null ? "<s1,s2>" : quoted(c.strength())));
        if (c.industry() != null) {
            parts.add("industry=" + quoted(c.industry()));
        }
        if (c.product() != null) {
            parts.add("product=" + quoted(c.product()));
        }
        return String.join(" ", parts);
    }

    private static String quoted(String value) {
        String v = value.trim();
        return v.matches("[^\\s\"`]+") ? v : "\"" + v.replace("\"", "").replace("`", "") + "\"";
    }

    private static String shorten(String strength) {
        return strength.length() <= STRENGTH_CHARS ? strength : strength.substring(0, STRENGTH_CHARS - 1) + "…";
    }
}
