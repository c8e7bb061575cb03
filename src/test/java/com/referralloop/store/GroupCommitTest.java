package com.referralloop.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class GroupCommitTest {

    @Test
    void everyWriteReturnsOnlyAfterACommitThatCoversItAndConcurrentWritesShareCommits() throws Exception {
        // GIVEN a "store" whose commit makes durable every write applied before the commit started
        AtomicLong applied = new AtomicLong();
        AtomicLong durableUpTo = new AtomicLong();
        GroupCommit group = new GroupCommit(() -> {
            long snapshot = applied.get();
            sleep(1);
            durableUpTo.accumulateAndGet(snapshot, Math::max);
        });
        int threads = 8;
        int writesEach = 100;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<Long>> violations = new ArrayList<>();

        // WHEN 8 threads each apply 100 writes and wait for them to be durable
        for (int t = 0; t < threads; t++) {
            violations.add(pool.submit(() -> {
                long bad = 0;
                for (int i = 0; i < writesEach; i++) {
                    long mine = applied.incrementAndGet();
                    group.awaitDurable();
                    if (durableUpTo.get() < mine) {
                        bad++;
                    }
                }
                return bad;
            }));
        }
        long bad = 0;
        for (Future<Long> f : violations) {
            bad += f.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();

        // THEN no write was acknowledged before a commit covered it, and commits were shared
        assertThat(bad).isZero();
        assertThat(durableUpTo.get()).isEqualTo(threads * writesEach);
        assertThat(group.commits()).isLessThan(threads * writesEach);
    }

    @Test
    void aFailedCommitFailsItsCallerAndTheNextWriteCommitsAgain() {
        AtomicLong calls = new AtomicLong();
        GroupCommit group = new GroupCommit(() -> {
            if (calls.incrementAndGet() == 1) {
                throw new IllegalStateException("disk full");
            }
        });

        org.assertj.core.api.Assertions.assertThatThrownBy(group::awaitDurable).hasMessage("disk full");
        group.awaitDurable();

        assertThat(calls.get()).isEqualTo(2);
        assertThat(group.commits()).isEqualTo(1);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
