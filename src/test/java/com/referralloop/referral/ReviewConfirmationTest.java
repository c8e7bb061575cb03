package com.referralloop.referral;

import static com.referralloop.referral.ProgramFixture.OWNER;
import static com.referralloop.referral.ProgramFixture.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.referralloop.command.ActionInvocation;
import com.referralloop.command.ActionRouter;
import com.referralloop.command.ChatReply;
import com.referralloop.command.CommandRouter;
import com.referralloop.sla.ReviewActions;
import com.referralloop.support.Http;
import com.referralloop.support.IntegrationTest;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/** "Still valid" at the yearly review moves the rating's next review, so /referral reviews no longer lists it. */
@IntegrationTest
class ReviewConfirmationTest {

    @LocalServerPort
    int port;

    @Autowired
    MongoTemplate mongo;

    @Autowired
    CommandRouter commands;

    @Autowired
    ActionRouter actions;

    @Autowired
    RatingService ratings;

    @BeforeEach
    void seed() {
        ProgramFixture.clean(mongo);
        ProgramFixture.seed(new Http(port));
    }

    @Test
    void stillValidMovesTheNextReviewAYearOn() {
        // GIVEN Acme was rated and its review is overdue
        assertThat(run(commands, OWNER, "referral", "rate A-1 1").error()).isFalse();
        mongo.updateFirst(Query.query(Criteria.where("_id").is("A-1")),
                new Update().set("nextReview", LocalDate.now(ZoneOffset.UTC).minusDays(3)), AccountRating.class);
        assertThat(run(commands, OWNER, "referral", "reviews").text()).contains("Acme");

        // WHEN the owner answers the review prompt with "Still valid"
        ChatReply reply = actions.handle(new ActionInvocation(ReviewActions.STILL_VALID, "A-1", OWNER, Map.of()));

        // THEN the rating is unchanged, its next review is a year on, and it is no longer listed as due
        assertThat(reply.error()).isFalse();
        AccountRating after = ratings.find("A-1").orElseThrow();
        assertThat(after.grade()).isEqualTo(RatingGrade.ONE);
        assertThat(after.nextReview()).isEqualTo(LocalDate.now(ZoneOffset.UTC).plusYears(1));
        assertThat(run(commands, OWNER, "referral", "reviews").text()).doesNotContain("Acme");
    }
}
