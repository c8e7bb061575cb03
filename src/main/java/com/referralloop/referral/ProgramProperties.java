package com.referralloop.referral;

import static com.referralloop.support.Strings.blankToNull;

import java.time.Period;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the referral program: the fatigue limit, consent scopes and project strengths beyond
 * the built-in ones, the rating review interval, and who the admins are.
 *
 * @param fatigueLimitPerQuarter reference asks per contact per calendar quarter before an override is needed
 * @param extraScopes            consent scopes added to logo, quote, case-study, call, review-site
 * @param strengths              suggested project strengths (free ones are accepted too)
 * @param reviewInterval         time from a rating review to the next one
 * @param adminSlackUsergroup    a Slack user group id whose members are admins (matched against ChatUser.roles)
 * @param adminDiscordRole       a Discord role id whose members are admins (matched against ChatUser.roles)
 */
@ConfigurationProperties("referral.program")
public record ProgramProperties(Integer fatigueLimitPerQuarter, List<String> extraScopes, List<String> strengths,
                                Period reviewInterval, List<String> adminEmails, List<String> adminSlackUserIds,
                                String adminSlackUsergroup, String adminDiscordRole, List<String> adminDiscordUserIds) {

    public static final List<String> BASE_SCOPES = List.of("logo", "quote", "case-study", "call", "review-site");
    static final List<String> DEFAULT_STRENGTHS = List.of("integration", "migration", "performance", "security",
            "support", "onboarding", "roi", "time-to-value", "scalability", "price");

    public ProgramProperties {
        fatigueLimitPerQuarter = fatigueLimitPerQuarter == null ? 2 : fatigueLimitPerQuarter;
        if (fatigueLimitPerQuarter < 0) {
            throw new IllegalArgumentException("referral.program.fatigue-limit-per-quarter must be 0 or more");
        }
        extraScopes = clean(extraScopes);
        strengths = strengths == null || clean(strengths).isEmpty() ? DEFAULT_STRENGTHS : clean(strengths);
        reviewInterval = reviewInterval == null || reviewInterval.isZero() ? Period.ofYears(1) : reviewInterval;
        adminEmails = clean(adminEmails);
        adminSlackUserIds = adminSlackUserIds == null ? List.of() : adminSlackUserIds.stream().map(String::trim)
                .filter(s -> !s.isEmpty()).toList();
        adminDiscordUserIds = adminDiscordUserIds == null ? List.of() : adminDiscordUserIds.stream().map(String::trim)
                .filter(s -> !s.isEmpty()).toList();
        adminSlackUsergroup = blankToNull(adminSlackUsergroup);
        adminDiscordRole = blankToNull(adminDiscordRole);
    }

    /** Built-in scopes followed by the configured ones. */
    public List<String> scopes() {
        Set<String> all = new LinkedHashSet<>(BASE_SCOPES);
        all.addAll(extraScopes);
        return List.copyOf(all);
    }

    private static List<String> clean(List<String> in) {
        List<String> out = new ArrayList<>();
        if (in != null) {
            in.stream().filter(s -> s != null && !s.isBlank()).map(s -> s.trim().toLowerCase(Locale.ROOT))
                    .distinct().forEach(out::add);
        }
        return List.copyOf(out);
    }
}
