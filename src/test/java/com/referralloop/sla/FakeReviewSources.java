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

    @Override
    public List<Candidate> candidates() {
        return List.copyOf(candidates);
    }

    @Override
    public List<Expiring> expiringBetween(Instant from, Instant to) {
        return consents.stream().filter(c -> !c.expiresAt().isBefore(from) && c.expiresAt().isBefore(to)).toList();
    }

    public void clear() {
        candidates.clear();
        consents.clear();
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
