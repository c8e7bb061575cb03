package com.referralloop.request;

import static com.referralloop.referral.ProgramFixture.OTHER_REP;
import static com.referralloop.referral.ProgramFixture.OWNER;
import static com.referralloop.referral.ProgramFixture.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.referralloop.chat.ChatUser;
import com.referralloop.chat.Platform;
import com.referralloop.chat.outbox.OutboxMessage;
import com.referralloop.command.ChatReply;
import com.referralloop.command.CommandRouter;
import com.referralloop.reference.ReferenceProject;
import com.referralloop.referral.ProgramFixture;
import com.referralloop.referral.ReferenceAsk;
import com.referralloop.support.Http;
import com.referralloop.support.MutableClock;
import com.referralloop.support.TimedTest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

/** Each way a request can be wrong or refused, the consent withdrawal, racing approvals and the reminders. */
@TimedTest
class ReferenceRequestRulesTest {

    static final ChatUser SELLER = new ChatUser(Platform.SLACK, "USELLER", "Sam Seller", "sam@vendor.com", Set.of(),
            ChatUser.Membership.MEMBER);
    static final ChatUser GUEST = new ChatUser(Platform.SLACK, "UGUEST", "Gus", "gus@partner.com", Set.of(),
            ChatUser.Membership.OUTSIDER);

    @LocalServerPort
    int port;
    @Autowired
    MongoTemplate mongo;
    @Autowired
    CommandRouter router;
    @Autowired
    RequestDecisions decisions;
    @Autowired
    RequestReminders reminders;
    @Autowired
    MutableClock clock;
    @Autowired
    com.referralloop.privacy.PrivacyService privacy;

    String acme;
    String globex;

    @BeforeEach
    void setUp() {
        clock.set(Instant.now().truncatedTo(ChronoUnit.MILLIS));
        ProgramFixture.freshReferenceCustomers(mongo, new Http(port), router);
        acme = project("A-1");
        globex = project("A-2");
    }

    @Test
    void badRequestsNameTheProblemAndStoreNothing() {
        String alice = acme + "." + ReferenceHandle.codeOf("alice@acme.com");
        String bob = acme + "." + ReferenceHandle.codeOf("bob@acme.com");
        String carol = globex + "." + ReferenceHandle.codeOf("carol@globex.com");
        ok(run(router, OTHER_REP, "referral", "rate A-2 D reason=\"in a legal dispute\""));

        assertRefused("request " + bob + " for=Hooli", "consent is passive (logo, quote); a request needs live consent of level active");
        assertRefused("request " + alice + " for=Hooli need=case-study", "does not cover case-study");
        assertRefused("request " + bob + " for=Hooli need=quote note=x by=2020-01-01", "in the past");
        assertRefused("request " + carol + " for=Hooli", "rated D");
        assertRefused("request P222222.K222222 for=Hooli", "no valid reference project P222222");
        assertRefused("request nonsense for=Hooli", "give the id /reference find shows");
        assertRefused("request alice@acme.com for=Hooli", "give the id /reference find shows");
        assertRefused("request " + alice + " for=Hooli amount=-5", "is negative");
        assertRefused("request " + alice + " for=Hooli amount=lots", "is not an amount");
        assertRefused("request " + alice, "missing for=<prospect>");
        assertRefused("request " + alice + " for=Hooli need=lunch", "need= must be one of call|quote|case-study|site-visit|review");
        ok(run(router, OWNER, "referral", "ask alice@acme.com for=Umbrella"));
        ok(run(router, OWNER, "referral", "ask alice@acme.com for=Initrode"));
        assertRefused("request " + alice + " for=Hooli", "already asked 2 time(s) this quarter");
        assertThat(mongo.count(new Query(), ReferenceRequest.class)).isZero();

        // a guest is refused before anything is looked at
        ChatReply guest = run(router, GUEST, "reference", "request " + alice + " for=Hooli override=urgent");
        assertThat(guest.error()).isTrue();
        assertThat(guest.text()).contains("Only members of the company's workspace").doesNotContain("Acme");
        assertThat(mongo.count(new Query(), ReferenceRequest.class)).isZero();

        // the same request with an override reason goes to the owner, who must give their own reason to approve
        ok(run(router, SELLER, "reference", "request " + alice + " for=Hooli override=\"the deal closes Friday\""));
        ReferenceRequest r = only();
        ChatReply noReason = run(router, OWNER, "reference", "approve " + r.id());
        assertThat(noReason.text()).contains("override=").contains("the deal closes Friday");
        assertThat(mongo.count(new Query(), ReferenceAsk.class)).isEqualTo(2);
        ok(run(router, OWNER, "reference", "approve " + r.id() + " override=\"strategic account\""));
        assertThat(mongo.findOne(Query.query(Criteria.where("override").is("strategic account")), ReferenceAsk.class)).isNotNull();
        // and nobody asks her twice for the same deal
        assertRefused("request " + alice + " for=Hooli override=again", "already asked for Hooli");
    }

    @Test
    void onlyTheOwnerOrAnAdminDecidesAndTwoRacingApprovalsMakeOneTransition() throws Exception {
        ok(run(router, SELLER, "reference", "request " + acme + " for=Hooli deal=D-77 amount=24k"));
        ReferenceRequest r = only();
        assertThat(r.contactId()).isEqualTo("alice@acme.com");
        ChatReply notOwner = run(router, OTHER_REP, "reference", "approve " + r.id());
        assertThat(notOwner.text()).contains("Only the owner of Acme");
        ChatReply seller = run(router, SELLER, "reference", "decline " + r.id());
        assertThat(seller.text()).contains("Only the owner of Acme");

        ExecutorService pool = Executors.newFixedThreadPool(2);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<String>> clicks = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            clicks.add(pool.submit(() -> {
                go.await();
                try {
                    decisions.approve(OWNER, r.id(), null);
                    return "approved";
                } catch (RuntimeException e) {
                    return e.getMessage();
                }
            }));
        }
        go.countDown();
        List<String> results = new ArrayList<>();
        for (Future<String> f : clicks) {
            results.add(f.get());
        }
        pool.shutdown();
        assertThat(results).filteredOn("approved"::equals).hasSize(1);
        assertThat(results).filteredOn(s -> !"approved".equals(s)).allMatch(s -> s.contains("approved") || s.contains("already"));
        assertThat(mongo.findById(r.id(), ReferenceRequest.class).state()).isEqualTo(RequestState.APPROVED);
        assertThat(mongo.count(new Query(), ReferenceAsk.class)).as("one ask counted").isEqualTo(1);
        assertThat(mongo.findById(r.id(), ReferenceRequest.class).events()).hasSize(2);
    }

    @Test
    void withdrawingConsentClosesTheOpenRequestAndNoIntroductionFollows() {
        ok(run(router, SELLER, "reference", "request " + acme + " for=Hooli"));
        ReferenceRequest r = only();
        ok(run(router, OWNER, "reference", "approve " + r.id()));

        ok(run(router, OWNER, "referral", "withdraw alice@acme.com reason=\"asked us to stop\""));

        ReferenceRequest closed = mongo.findById(r.id(), ReferenceRequest.class);
        assertThat(closed.state()).isEqualTo(RequestState.CONSENT_WITHDRAWN);
        assertThatThrownBy(() -> decisions.customerAnswer(r.id(), true, "alice@acme.com"))
                .hasMessageContaining("consent withdrawn");
        assertThat(outbox("request:" + r.id() + ":introduction")).isEmpty();
        assertThat(outbox("request:" + r.id() + ":consent-withdrawn")).hasSize(1);
        assertThat(outbox("request:" + r.id() + ":consent-withdrawn").get(0).message().plainText()).contains("consent was withdrawn");
    }

    @Test
    void aDeclineTellsTheRequesterWhyAndOffersTheNextBestMatch() {
        ok(run(router, SELLER, "reference", "request " + acme + " for=Hooli"));
        ReferenceRequest r = only();
        ok(run(router, OWNER, "reference", "decline " + r.id() + " reason=\"renewal under way\""));
        OutboxMessage told = outbox("request:" + r.id() + ":declined").get(0);
        assertThat(told.message().plainText()).contains("renewal under way").contains("Globex").contains("Data lake")
                .doesNotContain("carol@globex.com");
        assertThat(told.message().actions()).extracting(a -> a.id()).containsExactly(RequestActions.OPEN);
        assertThat(run(router, SELLER, "reference", "requests mine").text()).contains(r.id()).contains("declined");
        // the owner sees the contact's reference history; another rep does not
        assertThat(run(router, OWNER, "reference", "history alice@acme.com").text()).contains(r.id()).contains("Hooli")
                .contains("Sam Seller");
        assertThat(run(router, OTHER_REP, "reference", "history alice@acme.com").text()).contains("Only the owner of Acme");
    }

    @Test
    void anUnansweredRequestRemindsTheOwnerThenTheManagerThenTheAdmins() {
        ok(run(router, SELLER, "reference", "request " + acme + " for=Hooli"));
        ReferenceRequest r = only();
        assertThat(reminders.runOnce()).isZero();
        for (int step = 1; step <= 3; step++) {
            clock.advance(Duration.ofDays(2).plusMinutes(1));
            assertThat(reminders.runOnce()).as("step " + step).isEqualTo(1);
        }
        clock.advance(Duration.ofDays(3));
        assertThat(reminders.runOnce()).isZero();
        assertThat(outbox("request:" + r.id() + ":reminder:owner")).hasSize(1);
        assertThat(outbox("request:" + r.id() + ":escalate:manager")).hasSize(1);
        assertThat(outbox("request:" + r.id() + ":escalate:admins")).hasSize(1);
        assertThat(outbox("request:" + r.id() + ":nudge:")).hasSize(3);
        assertThat(mongo.findById(r.id(), ReferenceRequest.class).events()).extracting(RequestEvent::type)
                .containsExactly("REQUESTED", "REMINDED", "ESCALATED", "ESCALATED");
    }

    @Test
    void theContactsRequestHistoryIsExportedAndErasedWithThem() {
        ok(run(router, SELLER, "reference", "request " + acme + " for=Hooli amount=10k"));
        ReferenceRequest r = only();
        ok(run(router, OWNER, "reference", "approve " + r.id()));
        decisions.customerAnswer(r.id(), true, "alice@acme.com");
        ok(run(router, SELLER, "reference", "outcome " + r.id() + " won 12k"));
        assertThat(outbox("request:" + r.id() + ":introduction")).isNotEmpty()
                .allMatch(m -> m.message().plainText().contains("alice@acme.com"));

        var export = privacy.export("alice@acme.com", "test");
        assertThat((List<?>) export.get("referenceRequestHistory")).hasSize(1);

        var erased = privacy.erase("alice@acme.com", "test");
        assertThat(erased.get("referenceRequestHistory")).isEqualTo(1L);
        ReferenceRequest after = mongo.findById(r.id(), ReferenceRequest.class);
        assertThat(after.contactId()).isNotEqualTo("alice@acme.com").startsWith("erased-");
        assertThat(after.wonAmount()).as("influence is kept, under the pseudonym").isEqualTo(12_000L);
        assertThat(outbox("request:" + r.id() + ":introduction"))
                .noneMatch(m -> m.message().plainText().contains("alice@acme.com"));
    }

    @Test
    void theDashboardCountsRequestsByStageAndInfluencedRevenuePerQuarter() throws Exception {
        ok(run(router, SELLER, "reference", "request " + acme + " for=Hooli amount=10k"));
        ReferenceRequest won = only();
        ok(run(router, OWNER, "reference", "approve " + won.id()));
        decisions.customerAnswer(won.id(), true, "alice@acme.com");
        ok(run(router, SELLER, "reference", "outcome " + won.id() + " won 12k"));
        ok(run(router, SELLER, "reference", "request " + globex + " for=Initech"));

        var answer = new Http(port).get("/api/dashboard/requests?period=30d");

        assertThat(answer.statusCode()).isEqualTo(200);
        var json = new tools.jackson.databind.ObjectMapper().readTree(answer.body());
        assertThat(json.get("byStage").get("won").asLong()).isEqualTo(1);
        assertThat(json.get("byStage").get("requested").asLong()).isEqualTo(1);
        assertThat(json.get("byStage").get("declined").asLong()).isZero();
        java.time.ZonedDateTime now = clock.instant().atZone(java.time.ZoneOffset.UTC);
        String quarter = now.getYear() + "-Q" + ((now.getMonthValue() - 1) / 3 + 1);
        assertThat(json.get("influenceByQuarter")).hasSize(1);
        assertThat(json.get("influenceByQuarter").get(0).get("quarter").asString()).isEqualTo(quarter);
        assertThat(json.get("influenceByQuarter").get(0).get("amount").asLong()).isEqualTo(12_000);
        // the owner filter applies: Globex's owner sees only their request
        var other = new tools.jackson.databind.ObjectMapper().readTree(
                new Http(port).get("/api/dashboard/requests?period=30d&owner=other@vendor.com").body());
        assertThat(other.get("byStage").get("requested").asLong()).isEqualTo(1);
        assertThat(other.get("byStage").get("won").asLong()).isZero();
    }

    @Test
    void ownerEmailsAndAccountNamesMatchWhateverTheCaseInTheStoreAndNamesAreNotPatterns() {
        assertThat(new Http(port).post("/api/accounts/import", "text/csv", """
                account_id,account_name,owner_email,contact_email
                A-9,A.C.M.E (EU),Mixed.Case@Vendor.com,eve@acme.eu
                """, java.util.Map.of()).statusCode()).isEqualTo(200);
        ChatUser lower = new ChatUser(Platform.SLACK, "UMIXED", "Mix", "mixed.case@vendor.com");
        // the rep check finds the owner by a case-insensitive match in MongoDB
        ChatReply projects = run(router, lower, "reference", "project list \"a.c.m.e (eu)\"");
        assertThat(projects.text()).isEqualTo("A.C.M.E (EU) has no reference projects.");
        // a name is matched literally: the dots and brackets are not a pattern
        assertThat(run(router, lower, "reference", "project list \"AxCxMxE (EU)\"").text()).contains("no account");
        assertThat(run(router, lower, "referral", "rate \"a.c.m.e (eu)\" 1").error()).isFalse();
    }

    private void assertRefused(String text, String why) {
        ChatReply r = run(router, SELLER, "reference", text);
        assertThat(r.error()).as(r.text()).isTrue();
        assertThat(r.text()).contains(why);
    }

    private List<OutboxMessage> outbox(String keyPrefix) {
        return outbox(mongo, keyPrefix);
    }

    static List<OutboxMessage> outbox(MongoTemplate mongo, String keyPrefix) {
        return mongo.find(Query.query(Criteria.where("dedupeKey").regex("^" + java.util.regex.Pattern.quote(keyPrefix))),
                OutboxMessage.class);
    }

    private ReferenceRequest only() {
        List<ReferenceRequest> all = mongo.findAll(ReferenceRequest.class);
        assertThat(all).hasSize(1);
        return all.get(0);
    }

    private String project(String accountId) {
        return mongo.findOne(Query.query(Criteria.where("accountId").is(accountId)), ReferenceProject.class).id();
    }

    private static void ok(ChatReply r) {
        assertThat(r.error()).as(r.text()).isFalse();
    }
}
