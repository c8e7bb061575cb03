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
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * Offers the referral program's ledger to the SLA review job: the standing of a batch of accounts due for
 * their yearly review, and live consents about to expire for renewal prompts. Each read is a query on an
 * index ({@code _id} of the ratings, {@code consent_account}, {@code consent_expiry}); only the one-time
 * schedule build reads every rating and consent.
 */
@Component
class ProgramReviewSources implements ReviewCandidates, ExpiringConsents {

    /** Set on a consent entry once its renewal was prompted (or it was superseded): later runs leave it out. */
    static final String RENEWAL_HANDLED = "renewalHandledAt";

    private final MongoTemplate mongo;
    private final Clock clock;

    ProgramReviewSources(MongoTemplate mongo, Clock clock) {
        this.mongo = mongo;
        this.clock = clock;
    }

    @Override
    public Map<String, Candidate> candidates(Collection<String> accountIds) {
        Map<String, Candidate> out = new LinkedHashMap<>();
        if (accountIds.isEmpty()) {
            return out;
        }
        List<AccountRating> ratings = mongo.find(Query.query(Criteria.where("_id").in(accountIds)), AccountRating.class);
        List<Consent> entries = mongo.find(Query.query(Criteria.where("accountId").in(accountIds)), Consent.class);
        build(ratings, entries).forEach(c -> out.put(c.accountId(), c));
        return out;
    }

    @Override
    public List<Candidate> everyCandidate() {
        return build(mongo.findAll(AccountRating.class), mongo.findAll(Consent.class));
    }

    /** Accounts with a rating or a live consent among these, with their summary line and last change. */
    private List<Candidate> build(List<AccountRating> ratingList, List<Consent> entries) {
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        Map<String, AccountRating> ratings = new TreeMap<>();
        ratingList.forEach(r -> ratings.putIfAbsent(r.accountId(), r));
        Map<String, List<Consent>> liveByAccount = new TreeMap<>();
        latestPerContact(entries).values().stream().filter(c -> c.liveOn(today) && c.accountId() != null)
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
        // a consent holds through its last day: it ends in [from, to) when its last day is one of these
        LocalDate firstDay = LocalDate.ofInstant(from, ZoneOffset.UTC).minusDays(1);
        LocalDate lastDay = LocalDate.ofInstant(to, ZoneOffset.UTC);
        List<Consent> soon = mongo.find(Query.query(Criteria.where("expires").gte(firstDay).lte(lastDay)
                .and(RENEWAL_HANDLED).is(null).and("withdrawn").is(false)), Consent.class);
        if (soon.isEmpty()) {
            return List.of();
        }
        Map<String, Consent> latest = latestPerContact(mongo.find(Query.query(Criteria.where("contactId")
                .in(soon.stream().map(Consent::contactId).distinct().toList())), Consent.class));
        List<String> superseded = soon.stream().filter(c -> !c.id().equals(idOf(latest.get(c.contactId())))).map(Consent::id).toList();
        if (!superseded.isEmpty()) {
            // a later entry (a renewal, a withdrawal) replaced these: nothing to renew, never read again
            markHandled(superseded);
        }
        return soon.stream().filter(c -> !superseded.contains(c.id()) && c.liveOn(today))
                .map(c -> new Expiring(c.id(), c.contactId(), c.accountId(), c.level().word(),
                        c.scope().isEmpty() ? null : String.join(", ", c.scope()), endOf(c.expires())))
                .filter(e -> !e.expiresAt().isBefore(from) && e.expiresAt().isBefore(to))
                .sorted(Comparator.comparing(Expiring::expiresAt))
                .toList();
    }

    @Override
    public void prompted(String consentId) {
        markHandled(List.of(consentId));
    }

    private void markHandled(List<String> consentIds) {
        mongo.updateMulti(Query.query(Criteria.where("_id").in(consentIds)), Update.update(RENEWAL_HANDLED, clock.instant()),
                Consent.class);
    }

    private static String idOf(Consent c) {
        return c == null ? null : c.id();
    }

    /** Consent holds through its last day, so it ends at the start of the next (UTC). */
    static Instant endOf(LocalDate lastDay) {
        return lastDay.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /** The latest ledger entry of every contact among these; erased contacts (pseudonymous entries) are left out. */
    private static Map<String, Consent> latestPerContact(List<Consent> entries) {
        Map<String, Consent> latest = new LinkedHashMap<>();
        entries.stream().sorted(Comparator.comparing(Consent::recordedAt).thenComparing(Consent::id))
                .forEach(c -> latest.put(c.contactId(), c));
        latest.keySet().removeIf(id -> id.startsWith("erased-"));
        return latest;
    }
}
