package com.referralloop.crm;

import com.referralloop.feedback.Feedback;
import com.referralloop.feedback.FeedbackEvents.FeedbackReceived;
import com.referralloop.reference.ReferenceProject;
import com.referralloop.reference.ReferenceProjectSaved;
import com.referralloop.reference.ReferenceService;
import com.referralloop.testimonial.Testimonial;
import com.referralloop.testimonial.TestimonialChanged;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;

/**
 * What the customer said and gave goes onto their CRM records: the last NPS answer of a known contact, the
 * state of their latest testimonial, and the strengths their account's reference projects prove.
 */
public class CrmCustomerFeed {

    private static final Logger log = LoggerFactory.getLogger(CrmCustomerFeed.class);

    private final CrmWriteQueue queue;
    private final ReferenceService references;
    private final Clock clock;

    CrmCustomerFeed(CrmWriteQueue queue, ReferenceService references, Clock clock) {
        this.queue = queue;
        this.references = references;
        this.clock = clock;
    }

    /** Only answers of contacts the bot knows (from the CRM or the import): strangers have no CRM record to update. */
    @EventListener
    void on(FeedbackReceived e) {
        Feedback f = e.feedback();
        if (f == null || f.contactId() == null || f.score() == null) {
            return;
        }
        Instant answered = f.respondedAt() != null ? f.respondedAt() : f.receivedAt();
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put(CrmField.NPS_SCORE.name(), Integer.toString(f.score()));
        fields.put(CrmField.NPS_CATEGORY.name(), f.category() == null ? null : f.category().name().toLowerCase(Locale.ROOT));
        fields.put(CrmField.NPS_DATE.name(), LocalDate.ofInstant(answered, ZoneOffset.UTC).toString());
        try {
            queue.queue("nps:" + f.id() + "@" + answered.toEpochMilli(),
                    new CrmWrite(CrmWrite.Kind.CONTACT, f.contactId(), fields, null, answered));
        } catch (RuntimeException ex) {
            // the answer is stored; failing the webhook would not bring the event back (a retry is no new answer)
            log.warn("Could not queue the NPS answer {} for the CRM: {}", f.id(), ex.toString());
        }
    }

    @EventListener
    void on(TestimonialChanged e) {
        Testimonial t = e.testimonial();
        queue.queue("testimonial:" + t.id() + "@" + t.history().size(), new CrmWrite(CrmWrite.Kind.CONTACT, t.contactId(),
                Map.of(CrmField.TESTIMONIAL_STATUS.name(), t.state().word()), null, t.updatedAt()));
    }

    /** The account's field holds the strengths of all its projects still offered, not just the newest one's. */
    @EventListener
    void on(ReferenceProjectSaved e) {
        ReferenceProject saved = e.project();
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        Set<String> strengths = new LinkedHashSet<>();
        references.projectsOf(saved.accountId()).stream().filter(p -> p.validOn(today))
                .forEach(p -> strengths.addAll(p.strengths()));
        // HubSpot's multi-select values are ';'-separated too, so the property may become one later
        queue.queue("strengths:" + saved.id() + "@" + e.at().toEpochMilli(), new CrmWrite(CrmWrite.Kind.ACCOUNT,
                saved.accountId(), Map.of(CrmField.STRENGTHS.name(), String.join(";", strengths)), null, e.at()));
    }
}
