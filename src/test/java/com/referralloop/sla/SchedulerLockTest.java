package com.referralloop.sla;

import static org.assertj.core.api.Assertions.assertThat;

import com.referralloop.followup.FollowUp;
import com.referralloop.followup.FollowUpEvent;
import com.referralloop.support.Http;
import com.referralloop.support.MutableClock;
import com.referralloop.support.TimedTest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import net.javacrumbs.shedlock.core.DefaultLockingTaskExecutor;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockingTaskExecutor.TaskResult;
import net.javacrumbs.shedlock.core.SimpleLock;
import net.javacrumbs.shedlock.provider.mongo.MongoLockProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;

/** Several instances on one MongoDB: ShedLock's Mongo provider on the embedded server, and reminders sent once. */
@TimedTest
class SchedulerLockTest {

    @LocalServerPort
    int port;
    @Autowired
    MongoTemplate mongo;
    @Autowired
    MutableClock clock;
    @Autowired
    SlaTimers timers;
    @Autowired
    SlaScheduler scheduler;

    SlaFixtures fx;
    Instant start;
    final ExecutorService pool = Executors.newFixedThreadPool(2);

    @BeforeEach
    void setUp() {
        clock.set(Instant.now().truncatedTo(ChronoUnit.MILLIS));
        start = clock.instant();
        SlaFixtures.clean(mongo);
        fx = new SlaFixtures(new Http(port), mongo);
        fx.importAccounts();
    }

    @AfterEach
    void tearDown() {
        pool.shutdownNow();
    }

    static LockConfiguration lock(String name) {
        return new LockConfiguration(Instant.now(), name, Duration.ofMinutes(1), Duration.ofSeconds(30));
    }

    @Test
    void mongoLockProviderWorksOnTheEmbeddedServer() {
        // GIVEN two instances' lock providers on one database
        MongoLockProvider a = new MongoLockProvider(mongo.getDb());
        MongoLockProvider b = new MongoLockProvider(mongo.getDb());
        LockConfiguration cfg = new LockConfiguration(Instant.now(), "probe", Duration.ofMinutes(1), Duration.ZERO);

        // WHEN one holds the lock THEN the other cannot take it (the upsert hits the unique _id)
        Optional<SimpleLock> held = a.lock(cfg);
        assertThat(held).isPresent();
        assertThat(b.lock(cfg)).isEmpty();

        // WHEN it is released THEN the other takes it
        held.get().unlock();
        Optional<SimpleLock> second = b.lock(cfg);
        assertThat(second).isPresent();
        assertThat(a.lock(cfg)).isEmpty();
        second.get().unlock();
    }

    @Test
    void theScheduledJobRunsUnderItsMongoLockOncePerPeriod() {
        // GIVEN a follow-up that will need a reminder
        FollowUp f = fx.answer("k-1", 10, "alice@acme.com");

        // WHEN the scheduled method runs (through its lock) before the reminder is due
        scheduler.slaTimers();

        // THEN the lock is in MongoDB, held for at least its minimum period
        org.bson.Document lock = mongo.getCollection("shedLock").find(new org.bson.Document("_id", "sla-timers")).first();
        assertThat(lock).isNotNull();
        assertThat(lock.getDate("lockUntil").toInstant()).isAfter(Instant.now());

        // WHEN it fires again in the same period, with the reminder now due
        clock.set(start.plus(Duration.ofHours(36)));
        scheduler.slaTimers();

        // THEN that run was skipped: the job ran once this period; the next period sends the reminder
        assertThat(fx.outbox("followup:" + f.id() + ":remind")).isEmpty();
        assertThat(timers.runOnce().reminded()).isEqualTo(1);
    }

    @Test
    void twoSchedulersOnOneDatabaseSendEachReminderOnce() throws Exception {
        // GIVEN three promoter follow-ups at 75 % of their time
        List<FollowUp> due = List.of(fx.answer("l-1", 10, "alice@acme.com"), fx.answer("l-2", 9, "bob@acme.com"),
                fx.answer("l-3", 10, "dan@globex.com"));
        clock.set(start.plus(Duration.ofHours(36)));

        // WHEN two instances (each its own lock provider) fire the SLA job at the same moment
        DefaultLockingTaskExecutor one = new DefaultLockingTaskExecutor(new MongoLockProvider(mongo.getDb()));
        DefaultLockingTaskExecutor two = new DefaultLockingTaskExecutor(new MongoLockProvider(mongo.getDb()));
        CountDownLatch go = new CountDownLatch(1);
        List<Future<TaskResult<SlaTimers.Run>>> runs = new ArrayList<>();
        for (DefaultLockingTaskExecutor instance : List.of(one, two)) {
            Callable<TaskResult<SlaTimers.Run>> job = () -> {
                go.await();
                try {
                    return instance.executeWithLock(timers::runOnce, lock("sla-timers"));
                } catch (Throwable t) {
                    throw new IllegalStateException(t);
                }
            };
            runs.add(pool.submit(job));
        }
        go.countDown();
        List<TaskResult<SlaTimers.Run>> results = new ArrayList<>();
        for (Future<TaskResult<SlaTimers.Run>> f : runs) {
            results.add(f.get(30, TimeUnit.SECONDS));
        }

        // THEN exactly one ran this period, and each owner got one reminder, recorded once
        assertThat(results.stream().filter(TaskResult::wasExecuted)).hasSize(1);
        assertThat(results.stream().filter(TaskResult::wasExecuted).findFirst().orElseThrow().getResult().reminded())
                .isEqualTo(3);
        assertEachRemindedOnce(due);
    }

    @Test
    void overlappingRunsWithoutTheLockStillSendEachReminderOnce() throws Exception {
        // GIVEN three follow-ups at 75 % and a lock that has expired under a slow run (no lock at all here)
        List<FollowUp> due = List.of(fx.answer("o-1", 10, "alice@acme.com"), fx.answer("o-2", 9, "bob@acme.com"),
                fx.answer("o-3", 10, "dan@globex.com"));
        clock.set(start.plus(Duration.ofHours(36)));

        // WHEN two runs overlap
        CountDownLatch go = new CountDownLatch(1);
        List<Future<SlaTimers.Run>> runs = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            runs.add(pool.submit(() -> {
                go.await();
                return timers.runOnce();
            }));
        }
        go.countDown();
        int recorded = 0;
        for (Future<SlaTimers.Run> r : runs) {
            recorded += r.get(30, TimeUnit.SECONDS).reminded();
        }

        // THEN the dedupe keys and the conditional record still make it one reminder each
        assertThat(recorded).isEqualTo(3);
        assertEachRemindedOnce(due);
    }

    private void assertEachRemindedOnce(List<FollowUp> due) {
        for (FollowUp f : due) {
            assertThat(fx.outbox("followup:" + f.id() + ":remind")).as(f.id()).hasSize(1);
            assertThat(fx.reload(f.id()).events().stream().map(FollowUpEvent::type).filter("REMINDER"::equals))
                    .as(f.id()).hasSize(1);
        }
    }
}
