package com.referralloop.crm.hubspot;

import static org.assertj.core.api.Assertions.assertThat;

import com.referralloop.followup.FollowUp;
import com.referralloop.followup.FollowUpOutcome;
import com.referralloop.followup.FollowUpService;
import com.referralloop.referral.ProgramFixture;
import com.referralloop.testimonial.Testimonial;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

/** HubSpot out, on the contact: the last NPS answer, the testimonial's status and the asks this quarter. */
class HubSpotContactWritesTest extends HubSpotWriteBackBase {

    @Autowired
    FollowUpService followUps;

    @Test
    void theLastAnswerOfAKnownContactLandsOnTheirRecordOnceAndStrangersWriteNothing() {
        // GIVEN Alice (from the CRM) answers 9 on 20 November, then the survey tool sends the same answer again
        Instant answered = Instant.parse("2026-11-20T16:30:00Z");
        answer("n-1", 9, ALICE, "Great support", answered);
        answer("n-1", 9, ALICE, "Great support", answered);
        // AND someone the CRM does not know answers too
        answer("n-2", 3, "stranger@nowhere.org", "Meh", answered);

        // THEN Alice's record holds score, category and date
        awaitContact(ALICE, "referral_loop_nps_score", "9");
        assertThat(contactProps(ALICE)).containsEntry("referral_loop_nps_category", "promoter")
                .containsEntry("referral_loop_nps_date", "2026-11-20");
        // AND one write was queued and sent for the two deliveries, none for the stranger
        awaitWritesSent();
        assertThat(writes("nps:")).hasSize(1).allSatisfy(m -> assertThat(m.message().text()).contains(ALICE)
                .doesNotContain("stranger"));
        assertThat(calls("PATCH", "/crm/v3/objects/contacts/", c -> c.body().path("properties")
                .has("referral_loop_nps_score"))).hasSize(1);

        // WHEN she answers again, as a detractor / THEN the record shows the newer answer
        answer("n-3", 5, ALICE, "Worse lately", answered.plusSeconds(86_400));
        awaitContact(ALICE, "referral_loop_nps_category", "detractor");
        assertThat(contactProps(ALICE)).containsEntry("referral_loop_nps_score", "5")
                .containsEntry("referral_loop_nps_date", "2026-11-21");
    }

    @Test
    void theTestimonialStatusFollowsEachStep() {
        // WHEN the owner records Alice's quote / THEN it waits for her approval in the CRM too
        owner("testimonial", "add alice@acme.com \"They answer before we finish asking.\"");
        awaitContact(ALICE, "referral_loop_testimonial_status", "pending customer");

        // WHEN she approves it / THEN the CRM says approved
        Testimonial t = mongo.findOne(Query.query(Criteria.where("contactId").is(ALICE)), Testimonial.class);
        owner("testimonial", "approve " + t.id() + " evidence=\"https://mail/123\"");
        awaitContact(ALICE, "referral_loop_testimonial_status", "approved");
        assertThat(writes("testimonial:")).hasSize(2);
    }

    @Test
    void everyAskThisQuarterIsCountedOnTheContactIncludingAFollowUpsReferralAsk() {
        // GIVEN Alice consented to be a reference
        owner("referral", "consent alice@acme.com level=active");
        // WHEN she is asked for a reference / THEN her record counts one ask
        owner("referral", "ask alice@acme.com for=Hooli");
        awaitContact(ALICE, "referral_loop_asks_this_quarter", "1");

        // WHEN her promoter answer's follow-up is closed as "asked for a referral"
        answer("n-4", 10, ALICE, "Love it", Instant.now());
        FollowUp f = awaitFollowUp("n-4");
        followUps.close(f.id(), FollowUpOutcome.REFERRAL_ASKED, null, ProgramFixture.OWNER);
        // THEN that ask counts too
        awaitContact(ALICE, "referral_loop_asks_this_quarter", "2");
        assertThat(contactProps(BOB)).doesNotContainKey("referral_loop_asks_this_quarter");
    }
}
