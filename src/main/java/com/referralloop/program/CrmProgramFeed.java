package com.referralloop.program;

import com.referralloop.referral.Consent;
import com.referralloop.referral.ProgramEvents.AccountRated;
import com.referralloop.referral.ProgramEvents.ConsentRecorded;
import com.referralloop.referral.ProgramEvents.ConsentWithdrawn;
import com.referralloop.referral.ProgramEvents.ReferralLogged;
import com.referralloop.referral.ProgramEvents.ReferralUpdated;
import com.referralloop.referral.Referral;
import com.referralloop.request.ReferenceRequest;
import com.referralloop.request.RequestMoved;
import com.referralloop.testimonial.Testimonial;
import com.referralloop.testimonial.TestimonialChanged;
import com.referralloop.web.CrmEvent;
import com.referralloop.web.CrmFeed;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Forwards the referral program's facts to the CRM feed (which does nothing while no CRM URL is set). */
@Component
class CrmProgramFeed {

    private final CrmFeed feed;

    CrmProgramFeed(CrmFeed feed) {
        this.feed = feed;
    }

    @EventListener
    void on(ConsentRecorded e) {
        Consent c = e.consent();
        feed.publish(new CrmEvent("consent.recorded", c.id(), c.recordedAt(), data("contactEmail", c.contactId(),
                "accountId", c.accountId(), "level", c.level().word(), "scope", c.scope(),
                "expires", c.expires() == null ? null : c.expires().toString())));
    }

    @EventListener
    void on(ConsentWithdrawn e) {
        Consent c = e.withdrawal();
        feed.publish(new CrmEvent("consent.withdrawn", c.id(), c.recordedAt(), data("contactEmail", c.contactId(),
                "accountId", c.accountId(), "reason", c.reason())));
    }

    @EventListener
    void on(AccountRated e) {
        var r = e.rating();
        feed.publish(new CrmEvent("rating.changed", r.accountId() + "@" + r.ratedAt().toEpochMilli(), r.ratedAt(),
                data("accountId", r.accountId(), "rating", r.grade().code(),
                        "risks", r.risks().stream().map(x -> x.word()).toList(),
                        "nextReview", r.nextReview() == null ? null : r.nextReview().toString())));
    }

    @EventListener
    void on(ReferralLogged e) {
        feed.publish(referral("referral.logged", e.referral(), e.referral().createdAt()));
    }

    @EventListener
    void on(ReferralUpdated e) {
        Referral r = e.referral();
        feed.publish(referral("referral.updated", r, r.updatedAt()));
    }

    @EventListener
    void on(TestimonialChanged e) {
        Testimonial t = e.testimonial();
        String state = t.state().name().toLowerCase(Locale.ROOT).replace("pending_customer", "requested");
        feed.publish(new CrmEvent("testimonial." + state, t.id() + "@" + t.history().size(), t.updatedAt(),
                data("contactEmail", t.contactId(), "accountId", t.accountId(), "quote", t.quote())));
    }

    /** Every step of a reference request, e.g. {@code reference-request.approved}; the id names the step. */
    @EventListener
    void on(RequestMoved e) {
        ReferenceRequest r = e.request();
        String state = r.state().name().toLowerCase(Locale.ROOT).replace('_', '-');
        feed.publish(new CrmEvent("reference-request." + state, r.id() + "@" + r.state().name(), r.updatedAt(),
                data("requestId", r.id(), "contactEmail", r.contactId(), "accountId", r.accountId(),
                        "projectId", r.projectId(), "requester", r.requesterName(), "requesterEmail", r.requesterEmail(),
                        "prospect", r.prospect(), "industry", r.industry(), "deal", r.deal(), "amount", r.amount(),
                        "need", r.need().word(), "from", e.from() == null ? null : e.from().name().toLowerCase(Locale.ROOT),
                        "wonAmount", r.wonAmount())));
    }

    private static CrmEvent referral(String type, Referral r, Instant at) {
        return new CrmEvent(type, r.id() + "@" + at.toEpochMilli(), at, data("referralId", r.id(),
                "referrer", r.referrerName(), "accountId", r.accountId(), "referredName", r.referredName(),
                "referredEmail", r.referredEmail(), "company", r.company(), "parentId", r.parentId(),
                "generation", r.generation(), "status", r.status().name().toLowerCase(Locale.ROOT), "value", r.value()));
    }

    /** Pairs to a map, leaving out empty values (Map.of refuses nulls). */
    private static Map<String, Object> data(Object... pairs) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i + 1 < pairs.length; i += 2) {
            if (pairs[i + 1] != null) {
                m.put((String) pairs[i], pairs[i + 1]);
            }
        }
        return m;
    }
}
