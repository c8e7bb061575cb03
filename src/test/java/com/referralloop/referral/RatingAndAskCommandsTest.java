package com.referralloop.referral;

import static com.referralloop.referral.ProgramFixture.ADMIN;
import static com.referralloop.referral.ProgramFixture.OTHER_REP;
import static com.referralloop.referral.ProgramFixture.OWNER;
import static com.referralloop.referral.ProgramFixture.STRANGER;
import static com.referralloop.referral.ProgramFixture.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.referralloop.audit.AuditEntry;
import com.referralloop.command.ChatReply;
import com.referralloop.command.CommandRouter;
import com.referralloop.support.Http;
import com.referralloop.support.IntegrationTest;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

@IntegrationTest
class RatingAndAskCommandsTest {

    @LocalServerPort
    int port;
    @Autowired
    MongoTemplate mongo;
    @Autowired
    CommandRouter router;
    @Autowired
    RatingService ratings;

    @BeforeEach
    void setUp() {
        ProgramFixture.clean(mongo);
        ProgramFixture.seed(new Http(port));
    }

    @Test
    void ratingKeepsHistoryAndSetsTheNextReviewAYearAhead() {
        ChatReply first = run(router, OWNER, "referral", "rate A-1 1 risk=political");
        ChatReply second = run(router, ADMIN, "referral", "rate Acme A reason=\"won us Initech\"");

        assertThat(first.error()).as(first.text()).isFalse();
        assertThat(first.text()).contains("1 (could become an A), risks: political");
        assertThat(second.error()).as(second.text()).isFalse();
        AccountRating r = ratings.find("A-1").orElseThrow();
        assertThat(r.grade()).isEqualTo(RatingGrade.A);
        assertThat(r.history()).extracting(AccountRating.Entry::grade).containsExactly(RatingGrade.ONE, RatingGrade.A);
        assertThat(r.nextReview()).isEqualTo(LocalDate.now(ZoneOffset.UTC).plusYears(1));
        assertThat(mongo.find(Query.query(Criteria.where("action").is("RATING")), AuditEntry.class))
                .extracting(AuditEntry::before).containsExactly("not rated", r.history().isEmpty() ? "" : ratings.line(
                        new AccountRating("A-1", RatingGrade.ONE, java.util.List.of(RiskFlag.POLITICAL), null, null,
                                r.reviewedOn(), r.nextReview(), null, null, null)));
    }

    @Test
    void ratingMistakesAndRules() {
        ChatReply dWithoutReason = run(router, OWNER, "referral", "rate A-1 D");
        ChatReply badGrade = run(router, OWNER, "referral", "rate A-1 E");
        ChatReply badRisk = run(router, OWNER, "referral", "rate A-1 B risk=weather");
        ChatReply friendWithoutConsent = run(router, OWNER, "referral", "rate A-1 A class=friend");

        assertThat(dWithoutReason.text()).contains("a D rating needs a reason").contains("Usage: /referral rate");
        assertThat(badGrade.text()).contains("rating must be one of A|1|B|2|C|D");
        assertThat(badRisk.text()).contains("unknown risk 'weather'");
        assertThat(friendWithoutConsent.text()).contains("\"friend\" needs a contact of Acme with live consent");
        assertThat(ratings.find("A-1")).isEmpty();

        run(router, OWNER, "referral", "consent bob@acme.com level=passive");
        ChatReply friend = run(router, OWNER, "referral", "rate A-1 A class=friend");
        assertThat(friend.text()).contains("class friend").doesNotContain("suspended");
        run(router, OWNER, "referral", "withdraw bob@acme.com");
        assertThat(ratings.describe("A-1")).contains("class friend (suspended: no live consent)");
    }

    @Test
    void onlyOwnerOrAdminMayRate() {
        ChatReply other = run(router, OTHER_REP, "referral", "rate A-1 A");
        ChatReply stranger = run(router, STRANGER, "referral", "rate A-1 A");
        assertThat(other.text()).contains("Only the owner of Acme");
        assertThat(stranger.error()).isTrue();
        assertThat(ratings.find("A-1")).isEmpty();
    }

    @Test
    void askNeedsLiveActiveConsentAndStopsAtTheFatigueLimitUnlessOverridden() {
        ChatReply noConsent = run(router, OTHER_REP, "referral", "ask alice@acme.com for=\"Initech deal\"");
        assertThat(noConsent.error()).isTrue();
        assertThat(noConsent.text()).contains("needs live consent of level active");

        run(router, OWNER, "referral", "consent alice@acme.com level=active");
        ChatReply one = run(router, OTHER_REP, "referral", "ask alice@acme.com for=\"Initech deal\"");
        ChatReply two = run(router, OWNER, "referral", "ask <@U0ALICE> for=Hooli note=\"CTO call\"");
        ChatReply three = run(router, OWNER, "referral", "ask alice@acme.com for=Umbrella");
        String today = LocalDate.now(ZoneOffset.UTC).toString();

        assertThat(one.error()).as(one.text()).isFalse();
        assertThat(one.text()).contains("1 of 2 asks this quarter");
        assertThat(two.text()).contains("2 of 2 asks this quarter");
        assertThat(three.error()).isTrue();
        assertThat(three.text()).contains("already asked 2 time(s) this quarter (" + today + ", " + today + ")")
                .contains("override=");
        assertThat(mongo.count(new Query(), ReferenceAsk.class)).isEqualTo(2);

        ChatReply forced = run(router, OWNER, "referral", "ask alice@acme.com for=Umbrella override=\"their CIO asked for her\"");
        assertThat(forced.error()).as(forced.text()).isFalse();
        assertThat(forced.text()).contains("over the limit: their CIO asked for her");
        AuditEntry audit = mongo.findOne(Query.query(Criteria.where("action").is("FATIGUE_OVERRIDE")), AuditEntry.class);
        assertThat(audit.after()).contains("their CIO asked for her");
        assertThat(audit.by()).contains("rep@vendor.com");
    }

    @Test
    void askMistakesAndStrangers() {
        ChatReply missingFor = run(router, OWNER, "referral", "ask alice@acme.com");
        ChatReply stranger = run(router, STRANGER, "referral", "ask alice@acme.com for=X");
        assertThat(missingFor.text()).contains("missing for=").contains("Usage: /referral ask");
        assertThat(stranger.text()).contains("Only account owners and referral-program admins may ask");
    }

    @Test
    void outcomeIsRecordedOnTheRequest() {
        run(router, OWNER, "referral", "consent alice@acme.com level=active");
        run(router, OWNER, "referral", "ask alice@acme.com for=Hooli");
        String id = mongo.findAll(ReferenceAsk.class).get(0).id();

        ChatReply done = run(router, OTHER_REP, "referral", "outcome " + id.toLowerCase() + " won note=\"signed\"");
        ChatReply bad = run(router, OWNER, "referral", "outcome " + id + " maybe");
        ChatReply stranger = run(router, STRANGER, "referral", "outcome " + id + " lost");

        assertThat(done.text()).contains(": won.");
        assertThat(mongo.findById(id, ReferenceAsk.class).outcome()).isEqualTo(RequestOutcome.WON);
        assertThat(bad.text()).contains("outcome must be one of won|lost|declined|done");
        assertThat(stranger.text()).contains("Only account owners");
    }

    @Test
    void statusShowsConsentAsksRatingAndTree() {
        run(router, OWNER, "referral", "consent alice@acme.com level=active expires=2099-01-31");
        run(router, OWNER, "referral", "rate A-1 2");
        ChatReply contact = run(router, OWNER, "referral", "status alice@acme.com");
        ChatReply account = run(router, OTHER_REP, "referral", "status Acme");
        ChatReply unknown = run(router, OWNER, "referral", "status nobody");
        ChatReply stranger = run(router, STRANGER, "referral", "status Acme");

        assertThat(contact.text()).contains("Consent: active (logo, quote, call) until 2099-01-31")
                .contains("Asks this quarter: 0 of 2").contains("Referrals: no referrals yet")
                .contains("Account rating: 2 (conditions met, agreed)");
        assertThat(account.text()).contains("Rating: 2").contains("bob@acme.com: consent none");
        assertThat(unknown.text()).contains("no contact or account 'nobody'").contains("Usage: /referral status");
        assertThat(stranger.text()).contains("Only account owners");
    }

    @Test
    void reviewsListRatingsDueWithinThePeriod() {
        run(router, OWNER, "referral", "rate A-1 B");
        ChatReply soon = run(router, OTHER_REP, "referral", "reviews");
        ChatReply year = run(router, OTHER_REP, "referral", "reviews within=53w");
        ChatReply bad = run(router, OWNER, "referral", "reviews within=ages");
        ChatReply stranger = run(router, STRANGER, "referral", "reviews");

        assertThat(soon.text()).isEqualTo("No rating is due for review within 30d.");
        assertThat(year.text()).contains("Acme (A-1): B (observe; conditions defined); next review");
        assertThat(bad.text()).contains("'ages' is not a duration").contains("Usage: /referral reviews");
        assertThat(stranger.text()).contains("Only account owners");
    }
}
