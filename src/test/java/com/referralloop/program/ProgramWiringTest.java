package com.referralloop.program;

import static com.referralloop.referral.ProgramFixture.OWNER;
import static com.referralloop.referral.ProgramFixture.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.referralloop.command.ChatReply;
import com.referralloop.command.CommandRouter;
import com.referralloop.referral.ProgramFixture;
import com.referralloop.sla.ExpiringConsents;
import com.referralloop.sla.ReviewCandidates;
import com.referralloop.support.Http;
import com.referralloop.support.IntegrationTest;
import com.referralloop.web.DashboardFilter;
import com.referralloop.web.ProgramFigures;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;

/** The referral program feeds the SLA review job and the web dashboard through their interfaces. */
@IntegrationTest
class ProgramWiringTest {

    @LocalServerPort
    int port;
    @Autowired
    MongoTemplate mongo;
    @Autowired
    CommandRouter router;
    @Autowired
    ReviewCandidates candidates;
    @Autowired
    ExpiringConsents expiring;
    @Autowired
    ProgramFigures figures;
    @Autowired
    com.referralloop.sla.ReviewStore reviews;

    Http http;

    @BeforeEach
    void setUp() {
        ProgramFixture.clean(mongo);
        http = new Http(port);
        ProgramFixture.seed(http);
    }

    private void ok(ChatReply r) {
        assertThat(r.error()).as(r.text()).isFalse();
    }

    @Test
    void reviewJobSeesRatedAndConsentingAccountsAndSoonExpiringConsents() {
        LocalDate lastDay = LocalDate.now(ZoneOffset.UTC).plusDays(10);
        ok(run(router, OWNER, "referral", "consent alice@acme.com level=active expires=" + lastDay));
        ok(run(router, OWNER, "referral", "consent bob@acme.com level=passive"));
        ok(run(router, OWNER, "referral", "withdraw bob@acme.com"));
        ok(run(router, ProgramFixture.ADMIN, "referral", "rate A-2 1"));

        assertThat(candidates.everyCandidate()).extracting(ReviewCandidates.Candidate::accountId).containsExactly("A-2", "A-1");
        assertThat(candidates.everyCandidate().get(1).summary())
                .isEqualTo("not rated · consent active (logo, quote, call) until " + lastDay + " for alice@acme.com");
        // a due batch is read by account: the same standing, and nothing for an account with none on file
        assertThat(candidates.candidates(java.util.List.of("A-1", "A-404")).keySet()).containsExactly("A-1");
        assertThat(candidates.candidates(java.util.List.of("A-1")).get("A-1"))
                .isEqualTo(candidates.everyCandidate().get(1));
        // the recorded consent and rating scheduled each account's review a review interval on
        assertThat(reviews.find("A-1").orElseThrow().nextReviewAt()).isAfter(Instant.now().plus(java.time.Duration.ofDays(360)));
        assertThat(reviews.find("A-2").orElseThrow().nextReviewAt()).isAfter(Instant.now().plus(java.time.Duration.ofDays(360)));
        Instant end = lastDay.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        assertThat(expiring.expiringBetween(Instant.now(), end.plusSeconds(1)))
                .extracting(ExpiringConsents.Expiring::contactId).containsExactly("alice@acme.com");
        assertThat(expiring.expiringBetween(Instant.now(), end)).isEmpty();
    }

    @Test
    void dashboardFiguresCountTheProgramAndBuildTrees() {
        ok(run(router, OWNER, "referral", "consent alice@acme.com level=active"));
        ok(run(router, OWNER, "referral", "rate A-1 A"));
        ok(run(router, OWNER, "referral", "ask alice@acme.com for=Hooli"));
        ok(run(router, OWNER, "testimonial", "add alice@acme.com \"Great\""));
        ChatReply logged = run(router, OWNER, "referral", "log alice@acme.com referred=\"Dan Lee\" company=Initech");
        String parent = logged.text().replaceAll("(?s).*referral (L[A-Z0-9]{6}).*", "$1");
        ok(run(router, OWNER, "referral", "log parent=" + parent + " referred=Erin company=Hooli"));
        DashboardFilter all = DashboardFilter.of("all", null, null, Instant.now());

        assertThat(figures.consents(all)).isEqualTo(1);
        assertThat(figures.referencesUsed(all)).isEqualTo(1);
        assertThat(figures.testimonials(all)).isEqualTo(1);
        assertThat(figures.referrals(all)).isEqualTo(2);
        assertThat(figures.topReferences(all, 5)).containsExactly(
                new ProgramFigures.ReferenceCustomer("A-1", "Acme", "Alice Smith", "A", 1));
        var trees = figures.referralTrees(all, null, 10);
        assertThat(trees).hasSize(1);
        assertThat(trees.get(0).label()).isEqualTo("alice@acme.com → Dan Lee at Initech");
        assertThat(trees.get(0).children()).extracting(ProgramFigures.ReferralNode::label).containsExactly("Dan Lee → Erin at Hooli");
        List<ProgramFigures.ReferralRow> rows = new ArrayList<>();
        figures.referralRows(all, rows::add);
        assertThat(rows).extracting(ProgramFigures.ReferralRow::generation).containsExactly(1, 2);
        assertThat(figures.referrals(DashboardFilter.of("all", "other@vendor.com", null, Instant.now()))).isZero();
    }
}
