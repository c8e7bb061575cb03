package com.referralloop.crm.hubspot;

import static org.assertj.core.api.Assertions.assertThat;

import com.referralloop.referral.ProgramProperties;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** HubSpot out, on the company: the reference rating with its risks and next review, and the projects' strengths. */
class HubSpotCompanyWritesTest extends HubSpotWriteBackBase {

    @Autowired
    ProgramProperties program;

    @Test
    void aRatingWritesGradeRiskFlagsAndNextReviewAndARerateReplacesThem() {
        // WHEN the owner rates Acme B with two risks
        owner("referral", "rate Acme B risk=political,economic reason=\"new CFO\"");

        // THEN the company holds the grade, the risks and the next review one interval from today
        awaitCompany(ACME, "referral_loop_rating", "B");
        LocalDate nextReview = LocalDate.now(ZoneOffset.UTC).plus(program.reviewInterval());
        assertThat(companyProps(ACME)).containsEntry("referral_loop_risk_flags", "political;economic")
                .containsEntry("referral_loop_next_review", nextReview.toString());
        assertThat(calls("PATCH", "/crm/v3/objects/companies/" + ACME, c -> true)).hasSize(1);

        // WHEN it is rated again without risks / THEN the flags are cleared
        owner("referral", "rate Acme A");
        awaitCompany(ACME, "referral_loop_rating", "A");
        assertThat(companyProps(ACME)).containsEntry("referral_loop_risk_flags", "");
        assertThat(writes("rating:")).hasSize(2);
    }

    @Test
    void theCompanyListsTheStrengthsOfAllItsReferenceProjects() {
        // WHEN a first reference project is recorded
        owner("reference", "project add Acme \"CRM rollout\" strengths=onboarding,support industry=retail");
        // THEN its strengths are on the company
        awaitCompany(ACME, "referral_loop_strengths", "onboarding;support");

        // WHEN a second one adds another strength / THEN the company lists each strength once
        owner("reference", "project add Acme \"Data migration\" strengths=support,integration");
        awaitTrue(() -> String.valueOf(companyProps(ACME).get("referral_loop_strengths")).contains("integration"),
                () -> "strengths " + companyProps(ACME).get("referral_loop_strengths"));
        assertThat(Arrays.asList(String.valueOf(companyProps(ACME).get("referral_loop_strengths")).split(";")))
                .containsExactlyInAnyOrder("onboarding", "support", "integration");
        assertThat(writes("strengths:")).hasSize(2);
    }
}
