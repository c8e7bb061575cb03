package com.referralloop.sla;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/** Review candidates and expiring consents a test sets by hand, standing in for the referral feature. */
public class FakeReviewSources implements ReviewCandidates, ExpiringConsents {

    public final List<Candidate> candidates = new CopyOnWriteArrayList<>();
    public final List<Expiring> consents = new CopyOnWriteArrayList<>();

    public final java.util.Set<String> prompted = java.util.concurrent.ConcurrentHashMap.newKeySet();

    @Override
    public java.util.Map<String, Candidate> candidates(java.util.Collection<String> accountIds) {
        java.util.Map<String, Candidate> out = new java.util.LinkedHashMap<>();
        candidates.stream().filter(c -> accountIds.contains(c.accountId())).forEach(c -> out.put(c.accountId(), c));
        return out;
    }

    @Override
    public List<Candidate> everyCandidate() {
        return List.copyOf(candidates);
    }

    @Override
    public List<Expiring> expiringBetween(Instant from, Instant to) {
        return consents.stream().filter(c -> !prompted.contains(c.consentId()))
                .filter(c -> !c.expiresAt().isBefore(from) && c.expiresAt().isBefore(to)).toList();
    }

    @Override
    public void prompted(String consentId) {
        prompted.add(consentId);
    }

    public void clear() {
        candidates.clear();
        consents.clear();
        prompted.clear();
    }

    /** Primary, so the fake wins over the referral feature's beans once those exist. */
    @TestConfiguration(proxyBeanMethods = false)
    public static class Config {

        @Bean
        @Primary
        FakeReviewSources fakeReviewSources() {
            return new FakeReviewSources();
        }
    }
}
