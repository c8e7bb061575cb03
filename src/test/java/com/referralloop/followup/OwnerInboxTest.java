package com.referralloop.followup;

import static org.assertj.core.api.Assertions.assertThat;

import com.referralloop.account.AccountInput;
import com.referralloop.account.AccountService;
import com.referralloop.chat.ChatUser;
import com.referralloop.chat.Platform;
import com.referralloop.feedback.FeedbackService;
import com.referralloop.feedback.SurveyResponse;
import com.referralloop.support.IntegrationTest;
import com.referralloop.support.MutableClock;
import com.referralloop.support.Stores;
import java.time.Duration;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.test.context.TestPropertySource;

/** "My open follow-ups" come from the owner's inbox and match what a query over all follow-ups gives. */
@IntegrationTest
@Import(MutableClock.Config.class)
@TestPropertySource(properties = "referral.outbox.enabled=false")
class OwnerInboxTest {

    static final ChatUser REP = new ChatUser(Platform.SLACK, "U1", "Ana", "ana@vendor.com");

    @Autowired
    MongoTemplate mongo;
    @Autowired
    FollowUpService followUps;
    @Autowired
    FollowUpOpener opener;
    @Autowired
    FollowUpListing listing;
    @Autowired
    FeedbackService feedback;
    @Autowired
    AccountService accounts;
    @Autowired
    OwnerInbox inbox;
    @Autowired
    MutableClock clock;

    int seq;

    @BeforeEach
    void setUp() {
        clock.reset();
        Stores.clear(mongo);
        upsert("A-1", "Ana@Vendor.com", "alice@acme.com");
        upsert("A-2", "ben@vendor.com", "bob@globex.com");
    }

    @AfterEach
    void tearDown() {
        clock.reset();
    }

    void upsert(String accountId, String owner, String contact) {
        accounts.upsert(new AccountInput(accountId, accountId, new AccountInput.OwnerInput(owner, null, null, null), null,
                List.of(new AccountInput.ContactInput(contact, "C", null, null, null))));
    }

    FollowUp open(int score, String email) {
        clock.advance(Duration.ofMinutes(1));
        var stored = feedback.store(new SurveyResponse("nps", "inbox-" + (++seq), score, "ok", email, null, null, "{}"));
        FollowUp opened = opener.openFor(stored.feedback().id()).orElseThrow();
        // the background opener got the same answer from its event: let it finish (it finds the follow-up
        // opened here), so it cannot touch the store while a test changes it behind the service's back
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10))
                .until(() -> mongo.getCollection("followup_pending").countDocuments() == 0);
        return opened;
    }

    List<String> mine(String owner) {
        return listing.list(new FollowUpQuery(null, true, owner, false, null, 20)).stream().map(FollowUp::id).toList();
    }

    List<String> byScan(String owner) {
        return mongo.find(Query.query(Criteria.where("state").ne(FollowUpState.CLOSED)
                        .and("ownerEmail").regex("^" + java.util.regex.Pattern.quote(owner) + "$", "i"))
                .with(org.springframework.data.domain.Sort.by(org.springframework.data.domain.Sort.Direction.DESC, "createdAt")),
                FollowUp.class).stream().map(FollowUp::id).toList();
    }

    @Test
    void listsTheOwnersOpenFollowUpsNewestFirstAndDropsClosedOnes() {
        // GIVEN three answers for Ana's account and one for Ben's
        FollowUp first = open(9, "alice@acme.com");
        FollowUp second = open(10, "alice@acme.com");
        FollowUp third = open(3, "alice@acme.com");
        FollowUp bens = open(9, "bob@globex.com");

        // WHEN one of Ana's is closed and another acknowledged
        followUps.close(second.id(), FollowUpOutcome.RESOLVED, null, REP);
        followUps.acknowledge(first.id(), REP);

        // THEN Ana's list (any case of her email) has the other two, newest first, as the full query says
        assertThat(mine("ana@vendor.com")).containsExactly(third.id(), first.id());
        assertThat(mine("ANA@vendor.com")).isEqualTo(byScan("ana@vendor.com"));
        assertThat(mine("ben@vendor.com")).containsExactly(bens.id());
        assertThat(inbox.openIds("ana@vendor.com")).containsExactlyInAnyOrder(first.id(), third.id());
    }

    @Test
    void filtersByStateKindAndOverdueLikeTheQuery() {
        FollowUp promoter = open(9, "alice@acme.com");
        FollowUp detractor = open(2, "alice@acme.com");
        followUps.acknowledge(promoter.id(), REP);
        clock.advance(Duration.ofDays(30));

        assertThat(listing.list(new FollowUpQuery(FollowUpState.ACKNOWLEDGED, false, "ana@vendor.com", false, null, 20)))
                .extracting(FollowUp::id).containsExactly(promoter.id());
        assertThat(listing.list(new FollowUpQuery(null, true, "ana@vendor.com", false, FollowUpKind.DETRACTOR, 20)))
                .extracting(FollowUp::id).containsExactly(detractor.id());
        assertThat(listing.list(new FollowUpQuery(null, true, "ana@vendor.com", true, null, 20)))
                .extracting(FollowUp::id).containsExactlyInAnyOrder(promoter.id(), detractor.id());
        assertThat(listing.list(new FollowUpQuery(null, true, "ana@vendor.com", false, null, 1))).hasSize(1);
    }

    @Test
    void aFollowUpErasedBehindItsBackIsLeftOutAndPruned() {
        FollowUp kept = open(9, "alice@acme.com");
        FollowUp erased = open(10, "alice@acme.com");
        mongo.getCollection("followups").deleteOne(new Document("_id", erased.id()));

        assertThat(mine("ana@vendor.com")).containsExactly(kept.id());
        assertThat(inbox.openIds("ana@vendor.com")).containsExactly(kept.id());
    }

    @Test
    void inboxesAreBuiltOnceFromFollowUpsStoredBeforeTheyExisted() {
        FollowUp a = open(9, "alice@acme.com");
        FollowUp b = open(9, "bob@globex.com");
        mongo.getCollection(OwnerInbox.COLLECTION).deleteMany(new Document());
        assertThat(mine("ana@vendor.com")).isEmpty();

        inbox.buildOnce();

        assertThat(mine("ana@vendor.com")).containsExactly(a.id());
        assertThat(mine("ben@vendor.com")).containsExactly(b.id());
        // built once: a later wipe is not rebuilt behind the operator's back
        mongo.getCollection(OwnerInbox.COLLECTION).deleteOne(new Document("_id", "ana@vendor.com"));
        inbox.buildOnce();
        assertThat(mine("ana@vendor.com")).isEmpty();
    }
}
