package com.referralloop.reference;

import static com.referralloop.referral.ProgramFixture.ADMIN;
import static com.referralloop.referral.ProgramFixture.OTHER_REP;
import static com.referralloop.referral.ProgramFixture.OWNER;
import static com.referralloop.referral.ProgramFixture.STRANGER;
import static com.referralloop.referral.ProgramFixture.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.referralloop.command.ChatReply;
import com.referralloop.command.CommandRouter;
import com.referralloop.referral.ProgramFixture;
import com.referralloop.support.Http;
import com.referralloop.support.IntegrationTest;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;

@IntegrationTest
class ReferenceCommandsTest {

    @LocalServerPort
    int port;
    @Autowired
    MongoTemplate mongo;
    @Autowired
    CommandRouter router;

    @BeforeEach
    void setUp() {
        ProgramFixture.clean(mongo);
        ProgramFixture.seed(new Http(port));
    }

    private void ok(ChatReply r) {
        assertThat(r.error()).as(r.text()).isFalse();
    }

    @Test
    void findOffersLiveConsentingContactsBestFirstAndSaysWhyOthersAreLeftOut() {
        // GIVEN projects at Acme (rated 2), Globex (rated A) and Initech (expired project)
        ok(run(router, OWNER, "reference", "project add A-1 \"CRM migration\" strengths=migration,integration industry=retail product=Core"));
        ok(run(router, OTHER_REP, "reference", "project add A-2 \"Data lake\" strengths=migration industry=Retail product=core"));
        ok(run(router, ADMIN, "reference", "project add A-3 \"Old thing\" strengths=migration industry=retail product=Core"));
        expire("A-3");
        ok(run(router, OWNER, "referral", "rate A-1 2"));
        ok(run(router, OTHER_REP, "referral", "rate A-2 A risk=economic"));
        ok(run(router, ADMIN, "referral", "rate A-3 A"));
        // Alice: active; Bob: passive (no calls); Carol: active but asked twice; Dave: Initech, expired project
        ok(run(router, OWNER, "referral", "consent alice@acme.com level=active"));
        ok(run(router, OWNER, "referral", "consent bob@acme.com level=passive"));
        ok(run(router, OTHER_REP, "referral", "consent carol@globex.com level=sales"));
        ok(run(router, OTHER_REP, "referral", "consent dave@initech.com level=sales"));

        ChatReply before = run(router, OWNER, "reference", "find strength=migration industry=retail product=core");
        assertThat(before.text()).containsSubsequence("Carol King", "Alice Smith").doesNotContain("Bob").doesNotContain("Dave")
                .contains("1 left out: 1 consent does not cover calls").contains("rating A (risks: economic)");

        ok(run(router, OTHER_REP, "referral", "ask carol@globex.com for=Hooli"));
        ok(run(router, OTHER_REP, "referral", "ask carol@globex.com for=Umbrella"));
        ChatReply after = run(router, OTHER_REP, "reference", "find strength=migration");
        assertThat(after.text()).contains("Alice Smith").doesNotContain("Carol King")
                .contains("2 left out: 1 consent does not cover calls, 1 over the ask limit");

        ok(run(router, OWNER, "referral", "withdraw alice@acme.com"));
        ChatReply none = run(router, OWNER, "reference", "find strength=migration");
        assertThat(none.text()).startsWith("No contact can be offered now.").contains("1 no live consent");
        assertThat(run(router, OWNER, "reference", "find strength=blockchain").text()).startsWith("No valid reference project fits.");
    }

    @Test
    void anEmptySearchListsTheStrengthsOnRecordAndTheProjectCommandThatWouldFillIt() {
        // GIVEN migration projects at Acme and Globex (Alice active), help desk at Globex, security valid until today,
        // and an expired one with legacy
        ProgramFixture.freshReferenceCustomers(mongo, new Http(port), router);
        ok(run(router, OTHER_REP, "reference", "project add A-2 \"Help desk\" strengths=support,integration"));
        ok(run(router, ADMIN, "reference", "project add A-3 \"Old thing\" strengths=legacy"));
        expire("A-3");
        ok(run(router, OWNER, "reference", "project add A-1 \"Last day\" strengths=security valid-until="
                + LocalDate.now(ZoneOffset.UTC)));

        // WHEN a rep searches for a strength no valid project has
        ChatReply none = run(router, OTHER_REP, "reference", "find strength=unknown industry=retail");

        // THEN the reply names the strengths that exist and the command, with this search's filters, that records one
        assertThat(none.text()).startsWith("No valid reference project fits.")
                .contains("Strengths on record: integration, migration, security, support.").doesNotContain("legacy")
                .contains("`/reference project add <account> \"<title>\" strengths=unknown industry=retail`");
        // AND recording what it says makes the same search find Alice
        String suggested = between(none.text(), "`/reference ", "`").replace("<account>", "A-1")
                .replace("<title>", "Unknown made known");
        ok(run(router, OWNER, "reference", suggested));
        assertThat(run(router, OTHER_REP, "reference", "find strength=unknown industry=retail").text())
                .contains("1. Alice Smith — Acme").contains("Unknown made known");
    }

    @Test
    void aSearchReadsTheNewestHundredFittingProjectsAndSaysHowToReachOlderOnes() {
        // GIVEN Globex's project, then 100 newer ones at Acme, all with the strength "scale"
        Instant now = Instant.now();
        mongo.insert(new ReferenceProject("P-OLD", "A-2", "Old rollout", java.util.List.of("scale"), "manufacturing", null,
                null, "test", now.minusSeconds(10_000)));
        mongo.insertAll(java.util.stream.IntStream.range(0, ReferenceService.PROJECTS_READ).mapToObj(i -> new ReferenceProject(
                "P-" + i, "A-1", "Rollout " + i, java.util.List.of("scale"), "retail", null, null, "test",
                now.minusSeconds(i))).toList());
        ok(run(router, OWNER, "referral", "consent alice@acme.com level=active"));
        ok(run(router, OTHER_REP, "referral", "consent carol@globex.com level=sales"));

        // WHEN a rep searches by the strength alone
        String text = run(router, OWNER, "reference", "find strength=scale").text();
        // THEN only the newest 100 are searched (Acme's), and the answer says so and how to narrow it
        assertThat(text).contains("Alice Smith").doesNotContain("Carol King")
                .contains("Only the 100 newest fitting projects were searched; narrow the search with strength=, industry=");
        // AND a narrower search reaches the older project
        String narrow = run(router, OWNER, "reference", "find strength=scale industry=manufacturing").text();
        assertThat(narrow).contains("Carol King").doesNotContain("Only the 100 newest");
    }

    @Test
    void theStrengthsOnRecordAreCappedSoTheReplyStaysShort() {
        // GIVEN one project with 17 strengths, one of them a long free text
        String many = String.join(",", java.util.stream.IntStream.rangeClosed(1, 16).mapToObj("s%02d"::formatted).toList())
                + ",a-" + "very-".repeat(20) + "long-strength";
        ok(run(router, OWNER, "reference", "project add A-1 \"Everything\" strengths=" + many));

        String text = run(router, OWNER, "reference", "find strength=nothing").text();

        // THEN 15 are shown (the long one cut to 40 characters), then how many more there are
        assertThat(text).contains("Strengths on record: a-very-very-very-very-very-very-very-ve…, s01,")
                .contains(", s14 and 2 more.").doesNotContain("s15").doesNotContain("long-strength");
    }

    @Test
    void anEmptySearchWhereTheOnlyContactLacksConsentNamesTheConsentCommand() {
        // GIVEN a project at Initech, whose only contact (Dave) has no consent
        ok(run(router, OTHER_REP, "reference", "project add A-3 \"Billing revamp\" strengths=roi"));

        ChatReply none = run(router, OWNER, "reference", "find strength=roi");

        // THEN the reply says who is missing what and the command that records it
        assertThat(none.text()).startsWith("No contact can be offered now.").contains("1 left out: 1 no live consent")
                .contains("record consent of level active or above that covers calls: "
                        + "`/referral consent <contact> level=active scope=logo,quote,call`");
        // AND the owner recording exactly that makes Dave appear
        ok(run(router, OTHER_REP, "referral", between(none.text(), "`/referral ", "`").replace("<contact>", "dave@initech.com")));
        assertThat(run(router, OWNER, "reference", "find strength=roi").text()).contains("1. Dave Lo — Initech");
    }

    @Test
    void anEmptySearchOverTheAskLimitSaysWhenTheContactMayBeAskedAgain() {
        // GIVEN Alice and Carol asked twice this quarter, and Bob's passive consent not covering calls
        ProgramFixture.freshReferenceCustomers(mongo, new Http(port), router);
        for (String contact : java.util.List.of("alice@acme.com", "carol@globex.com")) {
            for (String prospect : java.util.List.of("Hooli", "Umbrella")) {
                ok(run(router, ADMIN, "referral", "ask " + contact + " for=" + prospect));
            }
        }
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        LocalDate nextQuarter = LocalDate.of(today.getYear(), (today.getMonthValue() - 1) / 3 * 3 + 1, 1).plusMonths(3);

        String text = run(router, OWNER, "reference", "find").text();

        // THEN each reason gets its own way out, once
        assertThat(text).startsWith("No contact can be offered now.")
                .contains("3 left out: 1 consent does not cover calls, 2 over the ask limit")
                .contains("• contacts over the ask limit (2 a quarter) may be asked again from " + nextQuarter)
                .contains("• record consent of level active or above that covers calls: `/referral consent <contact>");
    }

    private void expire(String accountId) {
        mongo.findAll(ReferenceProject.class).stream().filter(p -> p.accountId().equals(accountId)).forEach(p ->
                mongo.save(new ReferenceProject(p.id(), p.accountId(), p.title(), p.strengths(), p.industry(), p.product(),
                        LocalDate.now(ZoneOffset.UTC).minusDays(1), p.createdBy(), p.createdAt())));
    }

    /** The command a reply suggests, without its slash word: what a rep would paste after "/reference" or "/referral". */
    private static String between(String text, String start, String end) {
        int from = text.indexOf(start);
        assertThat(from).as(text).isNotNegative();
        return text.substring(from + start.length(), text.indexOf(end, from + start.length()));
    }

    @Test
    void projectAddMistakesAndPermissions() {
        ChatReply noStrengths = run(router, OWNER, "reference", "project add A-1 \"X\"");
        ChatReply noTitle = run(router, OWNER, "reference", "project add A-1 strengths=roi");
        ChatReply badDate = run(router, OWNER, "reference", "project add A-1 \"X\" strengths=roi valid-until=soon");
        ChatReply other = run(router, OTHER_REP, "reference", "project add A-1 \"X\" strengths=roi");
        ChatReply free = run(router, OWNER, "reference", "project add Acme \"Y\" strengths=\"roi, Happy Users\" valid-until=2099-01-01");

        assertThat(noStrengths.text()).contains("missing strengths=").contains("Usage: /reference project add");
        assertThat(noTitle.text()).contains("missing the project title");
        assertThat(badDate.text()).contains("valid-until= must be a date");
        assertThat(other.text()).contains("Only the owner of Acme");
        assertThat(free.text()).contains("roi, happy-users").contains("Free strengths (not in the list): happy-users");
        assertThat(run(router, OWNER, "reference", "project list A-1").text()).contains("Y (roi, happy-users) valid until 2099-01-01");
        assertThat(mongo.findAll(ReferenceProject.class)).hasSize(1);
    }

    @Test
    void findMistakesAndStrangers() {
        assertThat(run(router, OWNER, "reference", "find colour=red").text()).contains("unknown option colour=");
        assertThat(run(router, STRANGER, "reference", "find strength=roi").text()).contains("Only members of the company's workspace");
        assertThat(run(router, STRANGER, "reference", "project list A-1").text()).contains("Only account owners");
        assertThat(run(router, OWNER, "reference", "project list Nowhere").text()).contains("no account 'Nowhere'")
                .contains("Usage: /reference project list");
        assertThat(run(router, OWNER, "reference", "project list A-1").text()).isEqualTo("Acme has no reference projects.");
    }
}
