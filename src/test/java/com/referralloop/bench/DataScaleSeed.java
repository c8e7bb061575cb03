package com.referralloop.bench;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.InsertManyOptions;
import com.referralloop.reference.ReferenceProject;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.bson.Document;
import org.springframework.data.mongodb.core.convert.MappingMongoConverter;
import org.springframework.data.mongodb.core.convert.MongoCustomConversions;
import org.springframework.data.mongodb.core.convert.NoOpDbRefResolver;
import org.springframework.data.mongodb.core.mapping.MongoMappingContext;

/**
 * Seeds a store in bulk through the driver (unordered {@code insertMany}, large batches; not through the
 * webhooks) with {@link SeedDocuments} for every account, 1,000 reference projects, the owners' inboxes of
 * open follow-ups and the once-only migration markers the app would have written over the years. The records
 * are written with Spring Data's converter, configured as Spring Boot configures the app's.
 */
final class DataScaleSeed {

    static final int PROJECTS = 1000;
    private static final int BATCH = 2000;
    private static final int ACCOUNTS_PER_CHUNK = 100;
    private static final List<String> STRENGTHS = List.of("integration", "migration", "performance", "security",
            "onboarding", "support", "scalability", "cost-savings");
    private static final List<String> INDUSTRIES = List.of("software", "manufacturing", "finance", "retail", "health");

    private final MongoDatabase db;
    private final MongoMappingContext context = new MongoMappingContext();
    private final MappingMongoConverter converter;
    private final Instant now;
    private final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();
    /** Per owner email, the open follow-ups (the app keeps them in owner_inbox). */
    private final Map<String, Set<String>> inbox = new ConcurrentHashMap<>();

    DataScaleSeed(MongoDatabase db, Instant now) {
        this.db = db;
        this.now = now;
        MongoCustomConversions conversions = MongoCustomConversions.create(adapter -> { });
        context.setSimpleTypeHolder(conversions.getSimpleTypeHolder());
        context.afterPropertiesSet();
        converter = new MappingMongoConverter(NoOpDbRefResolver.INSTANCE, context);
        converter.setCustomConversions(conversions);
        converter.afterPropertiesSet();
    }

    /** Seeds {@code accounts} accounts; returns documents inserted per collection. */
    Map<String, Long> seed(int accounts, int threads) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        AtomicInteger done = new AtomicInteger();
        long started = System.nanoTime();
        List<Future<?>> futures = new ArrayList<>();
        for (int from = 0; from < accounts; from += ACCOUNTS_PER_CHUNK) {
            int start = from;
            int end = Math.min(accounts, from + ACCOUNTS_PER_CHUNK);
            futures.add(pool.submit(() -> {
                chunk(start, end);
                int n = done.addAndGet(end - start);
                if (n % Math.max(ACCOUNTS_PER_CHUNK, accounts / 10 / ACCOUNTS_PER_CHUNK * ACCOUNTS_PER_CHUNK) == 0 || n == accounts) {
                    System.out.printf("  seeded %,d of %,d accounts in %d s%n", n, accounts,
                            Duration.ofNanos(System.nanoTime() - started).toSeconds());
                }
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        pool.shutdown();
        projects(accounts);
        inboxes();
        // the once-only start-up work of a store in use for years is done (the first start on the empty store
        // wrote these markers already; kept so that a store seeded otherwise skips the work as well)
        marker("migrations", new Document("_id", "accounts-owner-email-lower-case").append("at", java.util.Date.from(now)));
        marker("owner_inbox", new Document("_id", "#built"));
        Map<String, Long> out = new LinkedHashMap<>();
        counts.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> out.put(e.getKey(), e.getValue().get()));
        return out;
    }

    private void chunk(int from, int to) {
        SeedDocuments d = new SeedDocuments(now);
        for (int i = from; i < to; i++) {
            d.account(i);
        }
        write(d.accounts);
        write(d.contacts);
        write(d.consents);
        write(d.ratings);
        write(d.audit);
        write(d.testimonials);
        write(d.feedback);
        write(d.followUps);
        // as a running bot keeps them: sent rows moved to the archive (REFERRAL_RETENTION_OUTBOX_LIVE), dead ones live
        write(d.outbox.stream().filter(m -> m.state() != com.referralloop.chat.outbox.OutboxState.SENT).toList());
        write(d.outbox.stream().filter(m -> m.state() == com.referralloop.chat.outbox.OutboxState.SENT).toList(), "outbox_sent");
        d.followUps.stream().filter(f -> f.state() != com.referralloop.followup.FollowUpState.CLOSED).forEach(f ->
                inbox.computeIfAbsent(f.ownerEmail(), k -> ConcurrentHashMap.newKeySet()).add(f.id()));
    }

    private void projects(int accounts) {
        List<ReferenceProject> projects = new ArrayList<>();
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        for (int p = 0; p < PROJECTS; p++) {
            int account = (int) ((long) p * accounts / PROJECTS);
            List<String> strengths = List.of(STRENGTHS.get(p % STRENGTHS.size()), STRENGTHS.get((p / 3 + 1) % STRENGTHS.size()));
            projects.add(new ReferenceProject(String.format("P%06d", p), "A-" + account, "Project " + p + " of Account " + account,
                    new ArrayList<>(new HashSet<>(strengths)), INDUSTRIES.get(p % INDUSTRIES.size()),
                    p % 2 == 0 ? "core" : "analytics", p % 4 == 0 ? null : today.plusDays(100 + p % 700),
                    "slack:" + SeedDocuments.ownerSlack(account) + " <" + SeedDocuments.ownerEmail(account) + ">",
                    now.minus(Duration.ofHours(p * 7L + 1))));
        }
        write(projects);
    }

    private void inboxes() {
        List<Document> docs = new ArrayList<>();
        inbox.forEach((owner, ids) -> docs.add(new Document("_id", owner).append("open", new ArrayList<>(ids))));
        insert("owner_inbox", docs);
    }

    private void marker(String collection, Document marker) {
        db.getCollection(collection).replaceOne(new Document("_id", marker.get("_id")), marker,
                new com.mongodb.client.model.ReplaceOptions().upsert(true));
    }

    /** Writes records of one entity type to its collection (as named by its {@code @Document}). */
    private void write(List<?> records) {
        if (!records.isEmpty()) {
            write(records, context.getRequiredPersistentEntity(records.get(0).getClass()).getCollection());
        }
    }

    private void write(List<?> records, String collection) {
        if (records.isEmpty()) {
            return;
        }
        List<Document> docs = new ArrayList<>(records.size());
        // answers are written by an upsert of their fields ($set, $setOnInsert), which stores no type hint
        boolean upserted = records.get(0) instanceof com.referralloop.feedback.Feedback;
        for (Object r : records) {
            Document d = new Document();
            converter.write(r, d);
            if (upserted) {
                d.remove("_class");
            }
            docs.add(d);
        }
        insert(collection, docs);
    }

    private void insert(String collection, List<Document> docs) {
        for (int i = 0; i < docs.size(); i += BATCH) {
            db.getCollection(collection).insertMany(docs.subList(i, Math.min(docs.size(), i + BATCH)),
                    new InsertManyOptions().ordered(false));
        }
        counts.computeIfAbsent(collection, c -> new AtomicLong()).addAndGet(docs.size());
    }
}
