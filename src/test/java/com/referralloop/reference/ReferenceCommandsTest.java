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
        mongo.findAll(ReferenceProject.class).stream().filter(p -> p.accountId().equals("A-3")).forEach(p ->
                mongo.save(new ReferenceProject(p.id(), p.accountId(), p.title(), p.strengths(), p.industry(), p.product(),
                        LocalDate.now(ZoneOffset.UTC).minusDays(1), p.createdBy(), p.createdAt())));
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
