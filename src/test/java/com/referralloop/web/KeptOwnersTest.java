package com.referralloop.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.referralloop.chat.ChatUser;
import com.referralloop.chat.Platform;
import com.referralloop.followup.FollowUpOutcome;
import com.referralloop.followup.FollowUpService;
import com.referralloop.support.IntegrationTest;
import com.referralloop.support.Stores;
import com.referralloop.web.DashboardFigures.OwnerLoad;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * The kept owners table against the follow-ups counted one by one here: after the app's transitions
 * (acknowledge, close, snooze with its moved deadline) and new follow-ups, as deadlines pass with no write, and
 * when the clock goes back; and, with the real margin, a change already counted is not counted again.
 */
@IntegrationTest
class KeptOwnersTest {

    static final List<String> OWNERS = List.of("rep0@vendor.com", "rep1@vendor.com", "rep2@vendor.com", "rep3@vendor.com",
            "rep4@vendor.com", "rep5@vendor.com");

    @Autowired
    MongoTemplate mongo;
    @Autowired
    FollowUpService followUps;

    final Random random = new Random(11);
    final List<String> open = new ArrayList<>();

    @BeforeEach
    void empty() {
        Stores.clear(mongo);
    }

    @Test
    void keptOwnersEqualTheDirectCountAfterTransitionsAndNewFollowUps() {
        KeptOwners owners = new KeptOwners(mongo, Duration.ZERO);
        Instant start = Instant.now();
        for (int i = 0; i < 200; i++) {
            insert("F" + i, start);
        }
        ChatUser rep = new ChatUser(Platform.SLACK, "UREP", "Rep", "rep0@vendor.com");
        for (int round = 0; round < 20; round++) {
            Instant now = Instant.now();
            String source = List.of("", "a", "b").get(random.nextInt(3));
            String s = source.isEmpty() ? null : source;
            assertThat(owners.owners(s, null, now, 50)).as("round %d, source %s", round, s).isEqualTo(direct(s, now));
            assertThat(owners.ownersWithOpen(s, null, now)).isEqualTo(direct(s, now).size());
            String one = OWNERS.get(random.nextInt(OWNERS.size()));
            assertThat(owners.owners(s, one.toUpperCase(), now, 50))
                    .isEqualTo(direct(s, now).stream().filter(o -> o.owner().equals(one)).toList());
            for (int k = 0; k < 4 && !open.isEmpty(); k++) {
                String id = open.remove(random.nextInt(open.size()));
                switch (random.nextInt(3)) {
                    case 0 -> followUps.acknowledge(id, rep);
                    case 1 -> followUps.close(id, FollowUpOutcome.REFERRAL_ASKED, null, rep);
                    default -> followUps.snooze(id, Instant.now().plus(Duration.ofHours(1 + random.nextInt(48))), rep);
                }
            }
            insert("late-" + round, Instant.now());
        }
        // the busiest come first, and a limit cuts the table but keeps "unassigned"
        Instant now = Instant.now();
        List<OwnerLoad> all = direct(null, now);
        assertThat(all).hasSizeGreaterThan(3).extracting(OwnerLoad::owner).contains("unassigned");
        List<OwnerLoad> top = owners.owners(null, null, now, 3);
        assertThat(top).hasSize(3).extracting(OwnerLoad::owner).contains("unassigned");
        assertThat(top).containsAll(all.stream().filter(o -> !o.owner().equals("unassigned")).limit(2).toList());
    }

    @Test
    void anOwnerWithADeadlineAheadIsCountedAgainOnceItPasses() {
        // GIVEN open follow-ups whose deadlines fall in the next hours, counted and kept now
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        for (int i = 0; i < 30; i++) {
            mongo.getCollection("followups").insertOne(followUp("D" + i, OWNERS.get(i % 3), "a", now)
                    .append("state", "OPEN").append("dueAt", Date.from(now.plus(Duration.ofMinutes(30 + 20 * i)))));
        }
        KeptOwners owners = new KeptOwners(mongo);
        assertThat(owners.owners(null, null, now, 20)).extracting(OwnerLoad::overdue).containsOnly(0L);
        // WHEN the table is read six hours later, with no write in between
        Instant later = now.plus(Duration.ofHours(6));
        // THEN the deadlines passed count as overdue, as a direct count says
        assertThat(owners.owners(null, null, later, 20)).isEqualTo(direct(null, later))
                .extracting(OwnerLoad::overdue).containsExactly(6L, 6L, 5L);
    }

    @Test
    void aChangeAlreadyCountedIsNotCountedAgainWhileNewOnesAre() {
        // GIVEN the table counted once, with the real ten-minute margin, right after new follow-ups
        Instant now = Instant.now();
        for (int i = 0; i < 12; i++) {
            insert("F" + i, now.minusSeconds(60));
        }
        KeptOwners owners = new KeptOwners(mongo);
        List<OwnerLoad> first = owners.owners("a", null, now, 20);
        assertThat(first).isEqualTo(direct("a", now));
        // WHEN a kept count is altered in place (standing for a count that is not read again)
        String owner = first.get(0).owner();
        mongo.getCollection(KeptOwners.COLLECTION).updateOne(new Document("_id", "a " + owner), new Document("$set",
                new Document("open", 999L)));
        // THEN the next look, with the same changes inside its margin, reads it as kept
        assertThat(owners.owners("a", owner, now.plusSeconds(5), 20)).extracting(OwnerLoad::open).containsExactly(999L);
        // WHEN one of that owner's follow-ups is created, THEN that owner is counted again
        String email = owner.equals(KeptOwners.UNASSIGNED) ? null : owner;
        mongo.getCollection("followups").insertOne(followUp("new", email, "a", now.plusSeconds(6)).append("state", "OPEN")
                .append("dueAt", Date.from(now.plus(Duration.ofHours(24)))));
        assertThat(owners.owners("a", owner, now.plusSeconds(7), 20)).isEqualTo(direct("a", now.plusSeconds(7)).stream()
                .filter(o -> o.owner().equals(owner)).toList());
    }

    @Test
    void aClockThatWentBackCountsEveryOwnerAgain() {
        Instant now = Instant.now();
        for (int i = 0; i < 20; i++) {
            insert("F" + i, now.minus(Duration.ofHours(2)));
        }
        KeptOwners owners = new KeptOwners(mongo);
        owners.owners(null, null, now, 20);
        mongo.getCollection(KeptOwners.COLLECTION).updateMany(new Document("source", KeptOwners.ALL_SOURCES),
                new Document("$set", new Document("open", 999L).append("rank", 999L)));
        Instant earlier = now.minus(Duration.ofMinutes(30));
        assertThat(owners.owners(null, null, earlier, 20)).isEqualTo(direct(null, earlier));
    }

    /** The table counted here, from every follow-up, in the order the dashboard shows it. */
    private List<OwnerLoad> direct(String source, Instant now) {
        Map<String, long[]> counts = new HashMap<>();
        for (Document d : mongo.getCollection("followups").find()) {
            if ("CLOSED".equals(d.getString("state")) || (source != null && !source.equals(d.getString("source")))) {
                continue;
            }
            long[] c = counts.computeIfAbsent(d.getString("ownerEmail") == null ? "unassigned" : d.getString("ownerEmail"), k -> new long[2]);
            c[0]++;
            Date due = d.getDate("dueAt");
            c[1] += due != null && due.toInstant().isBefore(now) ? 1 : 0;
        }
        List<OwnerLoad> out = new ArrayList<>();
        counts.forEach((owner, c) -> out.add(new OwnerLoad(owner, c[0], c[1])));
        out.sort(Comparator.comparingLong(OwnerLoad::overdue).thenComparingLong(OwnerLoad::open).reversed()
                .thenComparing(OwnerLoad::owner));
        return out;
    }

    /** A follow-up as the opener stores it, created at {@code created}, in a random state, for a random owner. */
    private void insert(String id, Instant created) {
        String owner = random.nextInt(7) == 0 ? null : OWNERS.get(random.nextInt(OWNERS.size()));
        Instant due = created.plus(Duration.ofHours(random.nextInt(3) == 0 ? -1 : 24));
        Document d = followUp(id, owner, random.nextBoolean() ? "a" : "b", created).append("dueAt", Date.from(due));
        if (random.nextInt(3) == 0) {
            d.append("state", "CLOSED").append("outcome", "RESOLVED").append("closedAt", Date.from(created));
        } else {
            d.append("state", "OPEN");
            open.add(id);
        }
        mongo.getCollection("followups").insertOne(d);
    }

    private static Document followUp(String id, String owner, String source, Instant created) {
        return new Document("_id", id).append("feedbackId", "t|" + id).append("kind", "PROMOTER").append("score", 10)
                .append("source", source).append("ownerEmail", owner).append("createdAt", Date.from(created))
                .append("answeredAt", Date.from(created)).append("escalationLevel", 0).append("trimmedEvents", 0)
                .append("events", List.of()).append("messages", List.of()).append("replies", List.of());
    }
}
