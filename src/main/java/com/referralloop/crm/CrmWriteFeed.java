package com.referralloop.crm;

import com.referralloop.referral.AskService;
import com.referralloop.referral.Consent;
import com.referralloop.referral.ProgramEvents;
import com.referralloop.referral.RiskFlag;
import com.referralloop.request.ReferenceDealWon;
import com.referralloop.request.ReferenceRequest;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.context.event.EventListener;

/**
 * What reps learn in chat goes back to the CRM: consent, asks this quarter, the rating, referred people as
 * leads, and a won deal as a note on the reference's account. Each fact becomes one write queued in the
 * outbox under a key of its own (so a re-published event writes once), delivered by {@link CrmWriteSender}.
 */
public class CrmWriteFeed {

    private final CrmWriteQueue queue;
    private final AskService asks;

    CrmWriteFeed(CrmWriteQueue queue, AskService asks) {
        this.queue = queue;
        this.asks = asks;
    }

    @EventListener
    void on(ProgramEvents.ConsentRecorded e) {
        Consent c = e.consent();
        Map<String, String> f = new LinkedHashMap<>();
        f.put(CrmField.CONSENT_LEVEL.name(), c.level().word());
        f.put(CrmField.CONSENT_SCOPES.name(), String.join(";", c.scope()));
        f.put(CrmField.CONSENT_EXPIRES.name(), c.expires() == null ? null : c.expires().toString());
        f.put(CrmField.CONSENT_WITHDRAWN.name(), null);
        queue("consent:" + c.id(), new CrmWrite(CrmWrite.Kind.CONTACT, c.contactId(), f, null));
    }

    @EventListener
    void on(ProgramEvents.ConsentWithdrawn e) {
        Consent c = e.withdrawal();
        Map<String, String> f = new LinkedHashMap<>();
        f.put(CrmField.CONSENT_LEVEL.name(), "withdrawn");
        f.put(CrmField.CONSENT_SCOPES.name(), null);
        f.put(CrmField.CONSENT_WITHDRAWN.name(), LocalDate.ofInstant(c.recordedAt(), ZoneOffset.UTC).toString());
        queue("consent:" + c.id(), new CrmWrite(CrmWrite.Kind.CONTACT, c.contactId(), f, null));
    }

    @EventListener
    void on(ProgramEvents.ReferenceAsked e) {
        queue("ask:" + e.request().id(), new CrmWrite(CrmWrite.Kind.CONTACT, e.request().contactId(),
                Map.of(CrmField.ASKS_THIS_QUARTER.name(), Long.toString(asks.asksThisQuarter(e.request().contactId()))), null));
    }

    @EventListener
    void on(ProgramEvents.AccountRated e) {
        var r = e.rating();
        Map<String, String> f = new LinkedHashMap<>();
        f.put(CrmField.RATING.name(), r.grade().code());
        f.put(CrmField.RISK_FLAGS.name(), String.join(";", r.risks().stream().map(RiskFlag::word).toList()));
        f.put(CrmField.NEXT_REVIEW.name(), r.nextReview() == null ? null : r.nextReview().toString());
        queue("rating:" + r.accountId() + "@" + r.ratedAt().toEpochMilli(), new CrmWrite(CrmWrite.Kind.ACCOUNT,
                r.accountId(), f, null));
    }

    @EventListener
    void on(ProgramEvents.ReferralLogged e) {
        var r = e.referral();
        if (r.referredEmail() == null) {
            return;
        }
        Map<String, String> f = new LinkedHashMap<>();
        f.put(CrmField.REFERRED_BY.name(), r.referrerContactId() == null ? "" : r.referrerContactId());
        if (r.referredName() != null) {
            f.put(CrmField.REFERRED_NAME.name(), r.referredName());
        }
        if (r.company() != null) {
            f.put(CrmField.REFERRED_COMPANY.name(), r.company());
        }
        queue(leadFact(r.id()), new CrmWrite(CrmWrite.Kind.LEAD, r.referredEmail(), f,
                (r.referredName() == null ? "" : r.referredName()) + (r.company() == null ? "" : " (" + r.company() + ")")));
    }

    @EventListener
    void on(ReferenceDealWon e) {
        ReferenceRequest r = e.request();
        queue("won:" + r.id(), new CrmWrite(CrmWrite.Kind.NOTE, r.accountId(), Map.of(),
                "Reference-influenced deal won: " + r.prospect() + (r.deal() == null ? "" : " (deal " + r.deal() + ")")
                        + ", " + String.format(java.util.Locale.ROOT, "%,d", r.wonAmount()) + ". Request " + r.id()
                        + " by " + r.requesterName() + "; the reference's " + r.need().word() + " helped.", r.updatedAt()));
    }

    /** The fact a referral's lead is written under; the adapters key the lead by it (an erase finds it so). */
    static String leadFact(String referralId) {
        return "lead:" + referralId;
    }

    private void queue(String fact, CrmWrite w) {
        queue.queue(fact, w);
    }
}
