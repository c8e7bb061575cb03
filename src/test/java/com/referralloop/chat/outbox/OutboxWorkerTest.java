package com.referralloop.chat.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.referralloop.chat.ChatMessage;
import com.referralloop.chat.ChatTarget;
import com.referralloop.chat.Platform;
import com.referralloop.chat.outbox.OutboxEvents.MessageDeadLettered;
import com.referralloop.chat.outbox.OutboxEvents.MessageSent;
import com.referralloop.support.Http;
import com.referralloop.support.IntegrationTest;
import com.referralloop.support.Stores;
import com.referralloop.support.MutableClock;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.test.context.TestPropertySource;

/**
 * The outbox under concurrency and faults: several workers on one database (as several app instances
 * would be), crashes between claim and send, retries, throttling and dead letters. The application's
 * own worker is switched off so only the workers built here touch the queue.
 */
@IntegrationTest
@Import(MutableClock.Config.class)
@TestPropertySource(properties = "referral.outbox.enabled=false")
@ExtendWith(OutputCaptureExtension.class)
class OutboxWorkerTest {

    @LocalServerPort
    int port;

    @Autowired
    MongoTemplate mongo;

    @Autowired
    Outbox outbox;

    @Autowired
    OutboxMetrics metrics;

    @Autowired
    MutableClock clock;

    final List<Object> published = new CopyOnWriteArrayList<>();

    @BeforeEach
    void setUp() {
        clock.reset();
        Stores.clear(mongo);
        published.clear();
    }

    @AfterEach
    void tearDown() {
        clock.reset();
    }

    OutboxWorker worker(ChatSender sender, int maxAttempts, int batchSize) {
        OutboxProperties props = new OutboxProperties(maxAttempts, Duration.ofSeconds(30), Duration.ofMillis(100),
                Duration.ofSeconds(1), Duration.ofMinutes(10), batchSize, true, 4);
        return new OutboxWorker(mongo, clock, props, List.of(sender), published::add, metrics);
    }

    static ChatTarget web(String to) {
        return ChatTarget.of(Platform.WEB, to);
    }

    OutboxMessage stored(String dedupeKey) {
        return outbox.byDedupeKey(dedupeKey).orElseThrow();
    }

    @Test
    void twoWorkersOnOneDatabaseDeliverAThousandMessagesExactlyOnce() throws Exception {
        // GIVEN 1,000 queued messages and two workers (distinct owners) sharing the database
        for (int i = 0; i < 1000; i++) {
            assertThat(outbox.enqueue("load:" + i, web("C" + (i % 7)), ChatMessage.text("message " + i), "s" + i)).isTrue();
        }
        CountingSender senderA = new CountingSender(m -> SendResult.sent("a:" + m.dedupeKey()));
        CountingSender senderB = new CountingSender(m -> SendResult.sent("b:" + m.dedupeKey()));
        OutboxWorker a = worker(senderA, 8, 20);
        OutboxWorker b = worker(senderB, 8, 20);
        assertThat(a.owner()).isNotEqualTo(b.owner());

        // WHEN both drain at the same time on their own threads
        ExecutorService pool = Executors.newFixedThreadPool(2);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Integer>> runs = List.of(pool.submit(() -> drainAll(a, start)), pool.submit(() -> drainAll(b, start)));
            start.countDown();
            int handled = 0;
            for (Future<Integer> run : runs) {
                handled += run.get(120, TimeUnit.SECONDS);
            }

            // THEN every message is SENT, each was handed to a sender exactly once, and both workers took part
            assertThat(handled).isEqualTo(1000);
            assertThat(outbox.count(OutboxState.SENT)).isEqualTo(1000);
            assertThat(outbox.count(OutboxState.PENDING)).isZero();
            Map<String, Integer> all = new ConcurrentHashMap<>();
            senderA.sends.forEach((k, v) -> all.merge(k, v.get(), Integer::sum));
            senderB.sends.forEach((k, v) -> all.merge(k, v.get(), Integer::sum));
            assertThat(all).hasSize(1000);
            assertThat(all.values()).allMatch(n -> n == 1);
            assertThat(senderA.total() + senderB.total()).isEqualTo(1000);
            assertThat(senderA.total()).isPositive();
            assertThat(senderB.total()).isPositive();
            assertThat(published).filteredOn(e -> e instanceof MessageSent).hasSize(1000);
            // the stored ref is the one of the worker that sent it
            OutboxMessage sample = stored("load:42");
            assertThat(sample.sentRef()).isIn("a:load:42", "b:load:42");
            assertThat(sample.leaseOwner()).isNull();
            assertThat(sample.attempts()).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    private int drainAll(OutboxWorker w, CountDownLatch start) throws InterruptedException {
        start.await();
        int handled = 0;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(100);
        while (outbox.count(OutboxState.PENDING) > 0 && System.nanoTime() < deadline) {
            handled += w.drain();
        }
        return handled;
    }

    @Test
    void aMessageOfferedToTwoWorkersIsClaimedByKeyAndSentByOneOfThem() {
        // GIVEN a new message that both workers were told about (e.g. a replayed event)
        outbox.enqueue("ready:1", web("C1"), ChatMessage.text("hello"), "s1");
        assertThat(stored("ready:1").readyKey()).isEqualTo("ready:1");
        CountingSender senderA = new CountingSender(m -> SendResult.sent("a"));
        CountingSender senderB = new CountingSender(m -> SendResult.sent("b"));
        OutboxWorker a = worker(senderA, 8, 10);
        OutboxWorker b = worker(senderB, 8, 10);
        a.offer("ready:1");
        b.offer("ready:1");

        // WHEN both claim it by key
        int byA = a.drainReady();
        int byB = b.drainReady();

        // THEN exactly one sends it; the claim cleared the key and the outcome cleared the lease token
        assertThat(byA + byB).isEqualTo(1);
        assertThat(senderA.total() + senderB.total()).isEqualTo(1);
        OutboxMessage m = stored("ready:1");
        assertThat(m.state()).isEqualTo(OutboxState.SENT);
        assertThat(m.readyKey()).isNull();
        assertThat(m.leaseToken()).isNull();
    }

    @Test
    void aClaimWhoseWorkerDiedIsDeliveredByAnotherOnceTheLeaseExpires() {
        // GIVEN worker A claimed a message and then died before sending it
        outbox.enqueue("crash:1", web("C1"), ChatMessage.text("hello"), "s1");
        CountingSender senderA = new CountingSender(m -> SendResult.sent("a"));
        CountingSender senderB = new CountingSender(m -> SendResult.sent("b"));
        OutboxWorker a = worker(senderA, 8, 10);
        OutboxWorker b = worker(senderB, 8, 10);
        assertThat(a.claimNext()).isNotNull();

        // WHEN B looks while the lease runs, and again after it expired
        int whileLeased = b.drain();
        clock.advance(Duration.ofSeconds(31));
        int afterExpiry = b.drain();

        // THEN B leaves it alone during the lease, then delivers it once
        assertThat(whileLeased).isZero();
        assertThat(afterExpiry).isEqualTo(1);
        assertThat(senderB.total()).isEqualTo(1);
        assertThat(senderA.total()).isZero();
        OutboxMessage m = stored("crash:1");
        assertThat(m.state()).isEqualTo(OutboxState.SENT);
        assertThat(m.sentRef()).isEqualTo("b");
        assertThat(m.leaseOwner()).isNull();
    }

    @Test
    void aSlowWorkerWhoseLeaseWasTakenOverDoesNotRecordTheMessageASecondTime() throws Exception {
        // GIVEN worker A is stuck inside its sender's call past its lease
        outbox.enqueue("slow:1", web("C1"), ChatMessage.text("hello"), "s1");
        CountDownLatch aInside = new CountDownLatch(1);
        CountDownLatch releaseA = new CountDownLatch(1);
        CountingSender senderA = new CountingSender(m -> {
            aInside.countDown();
            await(releaseA);
            return SendResult.sent("ref-from-a");
        });
        CountingSender senderB = new CountingSender(m -> SendResult.sent("ref-from-b"));
        OutboxWorker a = worker(senderA, 8, 10);
        OutboxWorker b = worker(senderB, 8, 10);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<Integer> slow = pool.submit(a::drain);
            assertThat(aInside.await(10, TimeUnit.SECONDS)).isTrue();

            // WHEN the lease expires, B takes the message over and sends it, and then A's call returns
            clock.advance(Duration.ofSeconds(31));
            assertThat(b.drain()).isEqualTo(1);
            releaseA.countDown();
            slow.get(10, TimeUnit.SECONDS);

            // THEN the platform saw it twice (at-least-once), but it is recorded once: B's send, one event
            assertThat(senderA.total()).isEqualTo(1);
            assertThat(senderB.total()).isEqualTo(1);
            OutboxMessage m = stored("slow:1");
            assertThat(m.state()).isEqualTo(OutboxState.SENT);
            assertThat(m.sentRef()).isEqualTo("ref-from-b");
            assertThat(m.attempts()).isEqualTo(1);
            assertThat(published).filteredOn(e -> e instanceof MessageSent).hasSize(1);
        } finally {
            releaseA.countDown();
            pool.shutdownNow();
        }
    }

    @Test
    void failuresAreRetriedWithBackoffHonouringRetryAfterThenDeadLetteredVisibleInApiAndLog(CapturedOutput output) {
        // GIVEN a platform that first rate-limits (retry after 42 s), then fails every time
        Deque<SendResult> script = new ArrayDeque<>(List.of(new SendResult.Throttled(Duration.ofSeconds(42))));
        CountingSender sender = new CountingSender(m -> script.isEmpty() ? new SendResult.Failed("HTTP 503") : script.poll());
        OutboxWorker w = worker(sender, 3, 10);
        outbox.enqueue("retry:1", web("C1"), ChatMessage.text("hello"), "s1");
        Instant t0 = clock.instant();

        // WHEN the worker tries; THEN the Retry-After is honoured and does not count as an attempt
        assertThat(w.drain()).isEqualTo(1);
        OutboxMessage m = stored("retry:1");
        assertThat(m.throttled()).isEqualTo(1);
        assertThat(m.attempts()).isZero();
        assertThat(m.nextAttemptAt()).isEqualTo(t0.plusSeconds(42));
        clock.advance(Duration.ofSeconds(41));
        assertThat(w.drain()).as("not due before Retry-After").isZero();

        // WHEN it fails: exponential backoff with jitter (base 1 s: 0.5-1 s, then 1-2 s)
        clock.advance(Duration.ofSeconds(1));
        assertThat(w.drain()).isEqualTo(1);
        m = stored("retry:1");
        assertThat(m.attempts()).isEqualTo(1);
        assertThat(m.lastError()).isEqualTo("HTTP 503");
        Duration first = Duration.between(clock.instant(), m.nextAttemptAt());
        assertThat(first).isBetween(Duration.ofMillis(500), Duration.ofSeconds(1));
        assertThat(w.drain()).as("not due during backoff").isZero();
        clock.set(m.nextAttemptAt());
        assertThat(w.drain()).isEqualTo(1);
        m = stored("retry:1");
        assertThat(m.attempts()).isEqualTo(2);
        assertThat(Duration.between(clock.instant(), m.nextAttemptAt())).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(2));

        // WHEN the last allowed attempt fails
        clock.set(m.nextAttemptAt());
        assertThat(w.drain()).isEqualTo(1);

        // THEN it is dead-lettered: state, reason, event, API and log all say so, and nothing retries it
        m = stored("retry:1");
        assertThat(m.state()).isEqualTo(OutboxState.DEAD);
        assertThat(m.attempts()).isEqualTo(3);
        assertThat(m.lastError()).contains("gave up after 3 attempts").contains("HTTP 503");
        assertThat(sender.total()).isEqualTo(4);
        assertThat(published).filteredOn(e -> e instanceof MessageDeadLettered).hasSize(1);
        clock.advance(Duration.ofDays(1));
        assertThat(w.drain()).isZero();
        clock.reset();
        Http http = new Http(port);
        HttpResponse<String> dead = http.get("/api/outbox?state=DEAD");
        assertThat(dead.statusCode()).isEqualTo(200);
        assertThat(dead.body()).contains(m.id()).contains("gave up after 3 attempts");
        assertThat(http.get("/api/outbox?state=SENT").body()).doesNotContain(m.id());
        assertThat(http.get("/api/outbox/counts").body()).contains("\"DEAD\":1");
        assertThat(http.get("/api/outbox?state=lost").statusCode()).isEqualTo(400);
        assertThat(output.getAll()).contains("dead-lettered message to WEB (retry:1)");
    }

    @Test
    void aPermanentErrorOrAMissingSenderDeadLettersAtOnce() {
        outbox.enqueue("perm:1", web("C1"), ChatMessage.text("hello"), "s1");
        outbox.enqueue("nosender:1", ChatTarget.of(Platform.DISCORD, "D1"), ChatMessage.text("hello"), "s2");
        OutboxWorker w = worker(new CountingSender(m -> new SendResult.Permanent("channel_not_found")), 8, 10);

        assertThat(w.drain()).isEqualTo(2);

        assertThat(stored("perm:1").state()).isEqualTo(OutboxState.DEAD);
        assertThat(stored("perm:1").lastError()).isEqualTo("channel_not_found");
        assertThat(stored("perm:1").attempts()).isEqualTo(1);
        assertThat(stored("nosender:1").state()).isEqualTo(OutboxState.DEAD);
        assertThat(stored("nosender:1").lastError()).contains("no sender configured for DISCORD");
    }

    @Test
    void aSenderThatThrowsIsATransientFailureNotACrash() {
        outbox.enqueue("throw:1", web("C1"), ChatMessage.text("hello"), "s1");
        OutboxWorker w = worker(new CountingSender(m -> {
            throw new IllegalStateException("socket closed");
        }), 8, 10);

        assertThat(w.drain()).isEqualTo(1);

        OutboxMessage m = stored("throw:1");
        assertThat(m.state()).isEqualTo(OutboxState.PENDING);
        assertThat(m.attempts()).isEqualTo(1);
        assertThat(m.lastError()).contains("IllegalStateException: socket closed");
        assertThat(m.leaseOwner()).isNull();
    }

    @Test
    void enqueueIsIdempotentOnItsDedupeKey() {
        assertThat(outbox.enqueue("same", web("C1"), ChatMessage.text("one"), "s")).isTrue();
        assertThat(outbox.enqueue("same", web("C1"), ChatMessage.text("two"), "s")).isFalse();
        assertThat(mongo.count(Query.query(Criteria.where("dedupeKey").is("same")), OutboxMessage.class)).isEqualTo(1);
        assertThat(stored("same").message().text()).isEqualTo("one");
    }

    @Test
    void backoffGrowsExponentiallyWithJitterAndACap() {
        OutboxWorker w = worker(new CountingSender(m -> SendResult.sent("x")), 8, 10);
        for (int attempt = 1; attempt <= 12; attempt++) {
            long exp = Math.min(Duration.ofMinutes(10).toMillis(), 1000L << (attempt - 1));
            for (int i = 0; i < 50; i++) {
                assertThat(w.backoff(attempt).toMillis()).isBetween(exp / 2, exp);
            }
        }
        assertThat(java.util.stream.IntStream.range(0, 50).mapToObj(i -> w.backoff(6)).distinct().count())
                .as("jitter spreads retries").isGreaterThan(10);
        assertThat(w.backoff(40)).isLessThanOrEqualTo(Duration.ofMinutes(10));
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A test platform that counts what it was handed, per message. */
    @Test
    void lanesSendDifferentFollowUpsAtOnceAndOneFollowUpsMessagesInOrder() throws Exception {
        // GIVEN 8 follow-ups with 5 messages each, offered to a worker with 4 lanes, and a sender that takes 20 ms
        Map<String, List<String>> sentBySubject = new ConcurrentHashMap<>();
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger mostInFlight = new AtomicInteger();
        CountingSender slow = new CountingSender(m -> {
            mostInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            sentBySubject.computeIfAbsent(m.subjectId(), k -> new CopyOnWriteArrayList<>()).add(m.dedupeKey());
            inFlight.decrementAndGet();
            return SendResult.sent("ok");
        });
        OutboxWorker w = worker(slow, 8, 10);
        for (int n = 0; n < 5; n++) {
            for (int f = 0; f < 8; f++) {
                String key = "lane:F" + f + ":" + n;
                outbox.enqueue(key, web("C" + f), ChatMessage.text("m" + n), "F" + f);
                w.offer(key, "F" + f);
            }
        }

        // WHEN four threads drain the four lanes at the same time (as the trigger does)
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<Integer>> drained = new java.util.ArrayList<>();
        for (int lane = 0; lane < 4; lane++) {
            int l = lane;
            drained.add(pool.submit(() -> w.drainLane(l)));
        }
        int handled = 0;
        for (Future<Integer> f : drained) {
            handled += f.get(30, TimeUnit.SECONDS);
        }
        pool.shutdown();

        // THEN all 40 were sent once, sends overlapped, and each follow-up's messages went in the order queued
        assertThat(handled + w.drainReady()).isEqualTo(40);
        assertThat(slow.total()).isEqualTo(40);
        assertThat(mostInFlight.get()).isGreaterThan(1);
        for (int f = 0; f < 8; f++) {
            assertThat(sentBySubject.get("F" + f)).containsExactly(
                    "lane:F" + f + ":0", "lane:F" + f + ":1", "lane:F" + f + ":2", "lane:F" + f + ":3", "lane:F" + f + ":4");
        }
    }

    @Test
    void retriesGoBackToTheLanesByKeyAndAScanWhileLanesAreBusyTakesOnlyExpiredLeases() {
        // GIVEN a new message, one that failed once (its retry offered back to this instance), and one whose
        // worker claimed it and died
        outbox.enqueue("new:1", web("C1"), ChatMessage.text("new"), "s1");
        outbox.enqueue("retry:2", web("C2"), ChatMessage.text("retry"), "s2");
        outbox.enqueue("crash:3", web("C3"), ChatMessage.text("crash"), "s3");
        AtomicInteger failures = new AtomicInteger();
        CountingSender flaky = new CountingSender(m -> failures.getAndIncrement() == 0
                ? new SendResult.Failed("boom") : SendResult.sent("ok"));
        OutboxWorker w = worker(flaky, 8, 10);
        List<String> reoffered = new CopyOnWriteArrayList<>();
        w.onRetry((wait, key, subject) -> reoffered.add(key));
        w.offer("retry:2");
        assertThat(w.drainReady()).isEqualTo(1);
        assertThat(w.claimReady("crash:3")).isNotNull();
        clock.advance(Duration.ofMinutes(11));

        // WHEN the scan runs as it does while the lanes are busy
        OutboxMessage first = w.claimNext(false);
        OutboxMessage second = w.claimNext(false);

        // THEN it took only the expired lease; the retry was handed back to the lanes, which send it by key
        assertThat(first.dedupeKey()).isEqualTo("crash:3");
        assertThat(second).isNull();
        assertThat(reoffered).containsExactly("retry:2");
        w.offer("retry:2");
        assertThat(w.drainReady()).isEqualTo(1);
        assertThat(stored("retry:2").state()).isEqualTo(OutboxState.SENT);
        // and a full scan (lanes idle) still finds the new message
        assertThat(w.claimNext(true).dedupeKey()).isEqualTo("new:1");
    }

    static final class CountingSender implements ChatSender {
        final Map<String, AtomicInteger> sends = new ConcurrentHashMap<>();
        private final Function<OutboxMessage, SendResult> answer;

        CountingSender(Function<OutboxMessage, SendResult> answer) {
            this.answer = answer;
        }

        @Override
        public Platform platform() {
            return Platform.WEB;
        }

        @Override
        public SendResult send(OutboxMessage message) {
            sends.computeIfAbsent(message.dedupeKey(), k -> new AtomicInteger()).incrementAndGet();
            return answer.apply(message);
        }

        int total() {
            return sends.values().stream().mapToInt(AtomicInteger::get).sum();
        }
    }
}
