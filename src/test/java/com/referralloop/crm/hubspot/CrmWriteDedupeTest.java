package com.referralloop.crm.hubspot;

import static org.assertj.core.api.Assertions.assertThat;

import com.referralloop.feedback.Feedback;
import com.referralloop.feedback.FeedbackEvents.FeedbackReceived;
import com.referralloop.followup.FollowUp;
import com.referralloop.followup.FollowUpEvents.FollowUpChanged;
import com.referralloop.followup.FollowUpOutcome;
import com.referralloop.followup.FollowUpService;
import com.referralloop.reference.ReferenceProject;
import com.referralloop.reference.ReferenceProjectSaved;
import com.referralloop.referral.AccountRating;
import com.referralloop.referral.Consent;
import com.referralloop.referral.ProgramEvents;
import com.referralloop.referral.ProgramFixture;
import com.referralloop.testimonial.Testimonial;
import com.referralloop.testimonial.TestimonialChanged;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;

/**
 * Each change is written once: every fact's dedupe key names the record and its version, so an event
 * delivered again (a retry, a second listener run, a replay) queues nothing and HubSpot sees no second call.
 */
class CrmWriteDedupeTest extends HubSpotWriteBackBase {

    @Autowired
    ApplicationEventPublisher events;
    @Autowired
    FollowUpService followUps;

    @Test
    void everyKindOfFactRedeliveredQueuesNoSecondWrite() {
        // GIVEN one of each fact, written to HubSpot
        owner("referral", "consent alice@acme.com level=active scope=call,quote");
        owner("referral", "rate Acme A");
        owner("testimonial", "add alice@acme.com \"Fast and friendly.\"");
        owner("reference", "project add Acme \"Rollout\" strengths=onboarding");
        answer("d-1", 9, ALICE, "Good", Instant.now());
        FollowUp f = awaitFollowUp("d-1");
        followUps.close(f.id(), FollowUpOutcome.RESOLVED, null, ProgramFixture.OWNER);
        awaitTrue(() -> writes("").size() == 6, () -> "writes " + writes("").stream().map(m -> m.dedupeKey()).toList());
        awaitWritesSent();
        List<String> keys = writes("").stream().map(m -> m.dedupeKey()).sorted().toList();
        int callsBefore = HUBSPOT.calls.size();

        // WHEN every event is delivered again
        events.publishEvent(new ProgramEvents.ConsentRecorded(mongo.findAll(Consent.class).get(0)));
        events.publishEvent(new ProgramEvents.AccountRated(mongo.findById(ACME, AccountRating.class)));
        events.publishEvent(new TestimonialChanged(mongo.findAll(Testimonial.class).get(0)));
        ReferenceProject project = mongo.findAll(ReferenceProject.class).get(0);
        events.publishEvent(new ReferenceProjectSaved(project, project.createdAt()));
        Feedback answer = mongo.findById(Feedback.idOf("nps", "d-1"), Feedback.class);
        events.publishEvent(new FeedbackReceived(answer.id(), answer.category(), answer));
        events.publishEvent(new FollowUpChanged(f.id(), "TRANSITION"));

        // THEN the outbox holds the same writes, all sent, and HubSpot was not called again
        assertThat(writes("").stream().map(m -> m.dedupeKey()).sorted().toList()).isEqualTo(keys);
        assertThat(keys).allSatisfy(k -> assertThat(k).startsWith("crm-write:hubspot:"))
                .anySatisfy(k -> assertThat(k).startsWith("crm-write:hubspot:rating:" + ACME + "@"))
                .anySatisfy(k -> assertThat(k).startsWith("crm-write:hubspot:followup:" + f.id() + "@"));
        awaitWritesSent();
        assertThat(HUBSPOT.calls).hasSize(callsBefore);
    }
}
