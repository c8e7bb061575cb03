package com.referralloop.program;

import com.referralloop.referral.AccountRating;
import com.referralloop.referral.Consent;
import com.referralloop.sla.ExpiringConsents;
import com.referralloop.sla.ReviewCandidates;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * Offers the referral program's ledger to the SLA review job: accounts with a rating or live consent
 * for the yearly review, and live consents about to expire for renewal prompts.
 */
@Component
class ProgramReviewSources implements ReviewCandidates, ExpiringConsents {

    private final MongoTemplate mongo;
    private final Clock clock;

    ProgramReviewSources(MongoTemplate mongo, Clock clock) {
        this.mongo = mongo;
        this.clock = clock;
    }

    @Override
    public List<Candidate> candidates() {
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        Map<String, AccountRating> ratings = mongo.findAll(AccountRating.class).stream()
                .collect(Collectors.toMap(AccountRating::accountId, r -> r, (a, b) -> a, TreeMap::new));
        Map<String, List<Consent>> liveByAccount = new TreeMap<>();
        latestPerContact().values().stream().filter(c -> c.liveOn(today) && c.accountId() != null)
                .forEach(c -> liveByAccount.computeIfAbsent(c.accountId(), k -> new ArrayList<>()).add(c));
        List<String> accountIds = new ArrayList<>(ratings.keySet());
        liveByAccount.keySet().stream().filter(a -> !ratings.containsKey(a)).forEach(accountIds::add);
        List<Candidate> out = new ArrayList<>();
        for (String accountId : accountIds) {
            AccountRating r = ratings.get(accountId);
            List<Consent> live = liveByAccount.getOrDefault(accountId, List.of());
            StringBuilder summary = new StringBuilder(r == null ? "not rated" : "rating " + r.grade().code());
            live.forEach(c -> summary.append(" · consent ").append(c.describe()).append(" for ").append(c.contactId()));
            Instant last = r == null ? null : r.ratedAt();
            for (Consent c : live) {
                if (last == null || c.recordedAt().isAfter(last)) {
                    last = c.recordedAt();
                }
            }
            out.add(new Candidate(accountId, summary.toString(), last));
        }
        return out;
    }

    @Override
    public List<Expiring> expiringBetween(Instant from, Instant to) {
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        return latestPerContact().values().stream()
                .filter(c -> c.liveOn(today) && c.expires() != null)
                .map(c -> new Expiring(c.id(), c.contactId(), c.accountId(), c.level().word(),
                        c.scope().isEmpty() ? null : String.join(", ", c.scope()), endOf(c.expires())))
                .filter(e -> !e.expiresAt().isBefore(from) && e.expiresAt().isBefore(to))
                .sorted(Comparator.comparing(Expiring::expiresAt))
                .toList();
    }

    /** Consent holds through its last day, so it ends at the start of the next (UTC). */
    static Instant endOf(LocalDate lastDay) {
        return lastDay.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /** The latest ledger entry of every contact; erased contacts (pseudonymous entries) are left out. */
    private Map<String, Consent> latestPerContact() {
        Map<String, Consent> latest = new LinkedHashMap<>();
        mongo.findAll(Consent.class).stream()
                .sorted(Comparator.comparing(Consent::recordedAt).thenComparing(Consent::id))
                .forEach(c -> latest.put(c.contactId(), c));
        latest.keySet().removeIf(id -> id.startsWith("erased-"));
        return latest;
    }
}
