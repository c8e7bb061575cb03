package com.referralloop.privacy;

import com.referralloop.account.Contact;
import com.referralloop.audit.AuditLog;
import com.referralloop.chat.ChatMessage;
import com.referralloop.chat.ChatTarget;
import com.referralloop.chat.Platform;
import com.referralloop.chat.outbox.Outbox;
import com.referralloop.chat.outbox.OutboxMessage;
import com.referralloop.chat.outbox.OutboxMessage.OutboxKind;
import com.referralloop.chat.outbox.OutboxState;
import com.referralloop.crm.CrmErasure;
import com.referralloop.feedback.Feedback;
import com.referralloop.referral.Consent;
import com.referralloop.referral.ReferenceAsk;
import com.referralloop.request.ReferenceRequest;
import com.referralloop.request.RequestState;
import com.referralloop.referral.Referral;
import com.referralloop.followup.FollowUp;
import com.referralloop.followup.FollowUpService;
import com.referralloop.support.InvalidInputException;
import com.referralloop.support.LogSafe;
import com.referralloop.testimonial.Testimonial;
import com.referralloop.testimonial.TestimonialState;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

/**
 * A contact's right of access and erasure: everything stored about them as one document, and
 * erasure of their personal data from every collection. Records stay (with a pseudonym instead of
 * the email), so anonymous counts — scores, asks, referral trees — keep adding up.
 */
@Service
public class PrivacyService {

    private static final Logger log = LoggerFactory.getLogger(PrivacyService.class);
    static final String ERASED = "[erased]";

    private final MongoTemplate mongo;
    private final AuditLog audit;
    private final FollowUpService followUps;
    private final Outbox outbox;
    /** Present only while a CRM is connected. */
    private final ObjectProvider<CrmErasure> crm;

    PrivacyService(MongoTemplate mongo, AuditLog audit, FollowUpService followUps, Outbox outbox,
                   ObjectProvider<CrmErasure> crm) {
        this.mongo = mongo;
        this.audit = audit;
        this.followUps = followUps;
        this.outbox = outbox;
        this.crm = crm;
    }

    /** Everything about the contact; empty when nothing at all is stored. */
    public Map<String, Object> export(String email, String by) {
        String id = idOf(email);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("contact", mongo.findById(id, Contact.class));
        out.put("consents", mongo.find(byField("contactId", id), Consent.class));
        out.put("referenceRequests", mongo.find(byField("contactId", id), ReferenceAsk.class));
        out.put("referenceRequestHistory", mongo.find(byField("contactId", id), ReferenceRequest.class));
        out.put("testimonials", mongo.find(byField("contactId", id), Testimonial.class));
        out.put("referralsMade", mongo.find(Query.query(new Criteria().orOperator(Criteria.where("referrerContactId").is(id),
                Criteria.where("rootContactId").is(id))), Referral.class));
        out.put("referralsAsReferred", mongo.find(byField("referredEmail", id), Referral.class));
        out.put("feedback", mongo.find(feedbackOf(id), Feedback.class));
        out.put("followUps", mongo.find(followUpsOf(id), FollowUp.class));
        out.put("audit", audit.about(id));
        boolean any = out.get("contact") != null || out.values().stream().anyMatch(v -> v instanceof List<?> l && !l.isEmpty());
        if (!any) {
            return Map.of();
        }
        audit.record("EXPORT", id, by, null, "exported " + counts(out));
        out.put("exportedBy", by);
        return out;
    }

    /** Erases the contact's personal data everywhere; returns what changed per collection. */
    public Map<String, Long> erase(String email, String by) {
        String id = idOf(email);
        String pseudonym = pseudonym(id);
        Map<String, Long> changed = new LinkedHashMap<>();
        List<String> followUpIds = mongo.find(followUpsOf(id), FollowUp.class).stream().map(FollowUp::id).toList();
        // the reference requests' messages (owner cards, introductions) name the person in their fields
        List<String> requestSubjects = mongo.find(byField("contactId", id), ReferenceRequest.class).stream()
                .map(r -> "request:" + r.id()).toList();
        CrmErasure connected = crm.getIfAvailable();
        // the CRM leads of the people they referred name them: read before the referrals are pseudonymised
        List<CrmErasure.ReferredLead> referredLeads = connected == null ? List.of() : referredLeads(id);

        changed.put("contacts", mongo.remove(byField("_id", id), Contact.class).getDeletedCount());
        changed.put("feedback", mongo.updateMulti(feedbackOf(id), new Update().unset("email").unset("comment")
                .unset("raw").unset("contactId"), Feedback.class).getModifiedCount());
        changed.put("followUps", mongo.updateMulti(followUpsOf(id), new Update().unset("respondentName")
                .unset("respondentEmail").unset("comment").unset("contactId").set("replies", List.of()), FollowUp.class)
                .getModifiedCount());
        // stored copies of chat messages and CRM events that showed the person: the follow-ups' cards, the
        // notices to their owners (which quote the person's replies), and anything naming the email
        List<String> subjects = new java.util.ArrayList<>(followUpIds);
        subjects.addAll(requestSubjects);
        followUpIds.forEach(f -> subjects.add("notice:" + f));
        Criteria copies = new Criteria().orOperator(Criteria.where("subjectId").in(subjects),
                Criteria.where("mentions").is(id), legacyMentions(id));
        List<OutboxMessage> posted = postedChatMessages(copies, followUpIds);
        // live and archived copies alike: sent messages move to the archive minutes after sending
        // the addresses it showed go with the text: "[erased]" shows none
        changed.put("outbox", outbox.rewriteStoredCopies(copies, new Update().set("message", ChatMessage.text(ERASED))
                .set("mentions", List.of())));
        // and the messages already posted in Slack or Discord are edited to say so
        posted.forEach(m -> outbox.enqueueUpdate("erase:" + m.id(),
                new ChatTarget(m.target().platform(), m.target().destination(), m.sentRef()), ChatMessage.text(ERASED),
                "erase:" + pseudonym));
        changed.put("chatMessagesEdited", (long) posted.size());
        changed.put("testimonials", mongo.updateMulti(byField("contactId", id), new Update().set("contactId", pseudonym)
                .set("quote", ERASED).set("approvedQuote", ERASED).set("approvals", List.of())
                .set("state", TestimonialState.REJECTED).set("rejectionReason", "contact erased"), Testimonial.class)
                .getModifiedCount());
        long referrals = mongo.updateMulti(byField("referrerContactId", id), new Update().set("referrerContactId", pseudonym)
                .set("referrerName", ERASED), Referral.class).getModifiedCount();
        referrals += mongo.updateMulti(byField("rootContactId", id), new Update().set("rootContactId", pseudonym), Referral.class)
                .getModifiedCount();
        referrals += mongo.updateMulti(byField("referredEmail", id), new Update().set("referredEmail", null)
                .set("referredName", ERASED), Referral.class).getModifiedCount();
        referrals += mongo.updateMulti(Query.query(Criteria.where("referrerName").regex("^" + Pattern.quote(id) + "$", "i")),
                new Update().set("referrerName", ERASED), Referral.class).getModifiedCount();
        changed.put("referrals", referrals);
        changed.put("consents", mongo.updateMulti(byField("contactId", id), new Update().set("contactId", pseudonym)
                .unset("evidence"), Consent.class).getModifiedCount());
        changed.put("referenceRequests", mongo.updateMulti(byField("contactId", id), new Update().set("contactId", pseudonym)
                .unset("note"), ReferenceAsk.class).getModifiedCount());
        // open requests end (no introduction can follow); the won amounts stay, under the pseudonym
        mongo.updateMulti(Query.query(Criteria.where("contactId").is(id).and("state").in(RequestState.REQUESTED,
                RequestState.APPROVED)), new Update().set("state", RequestState.CONSENT_WITHDRAWN).set("nextNudgeAt", null),
                ReferenceRequest.class);
        changed.put("referenceRequestHistory", mongo.updateMulti(byField("contactId", id), new Update()
                .set("contactId", pseudonym).unset("handle").unset("note"), ReferenceRequest.class).getModifiedCount());
        changed.put("audit", audit.pseudonymise(id, pseudonym));
        // an event on each follow-up re-renders its posted chat copies, which showed the name and comment
        followUpIds.forEach(f -> followUps.record(f, "ERASED", by, "personal data erased on request", null));
        // after the outbox was scrubbed: this write has to name the person until it went out
        CrmErasure.Cleared inCrm = connected == null ? null : connected.clearContact(id, pseudonym, referredLeads);
        changed.put("crmWrites", inCrm == null ? 0L : inCrm.writes());
        audit.record("ERASE", pseudonym, by, "stored: " + changed, "personal data erased; records kept under " + pseudonym
                + "; " + (inCrm == null ? "no CRM configured: no CRM fields to clear" : inCrm.audit()));
        log.info("Erased contact {} as {}: {}", LogSafe.email(id), pseudonym, changed);
        return changed;
    }

    /**
     * The posts among {@code copies} that are in a chat now and can be edited: sent to Slack or Discord, with
     * the platform's reference. Not the follow-up cards: the ERASED event re-renders those without the person.
     */
    private List<OutboxMessage> postedChatMessages(Criteria copies, List<String> followUpIds) {
        Criteria sent = new Criteria().andOperator(copies, Criteria.where("state").is(OutboxState.SENT),
                Criteria.where("kind").is(OutboxKind.POST));
        return outbox.storedCopies(sent).stream()
                .filter(m -> m.sentRef() != null && !followUpIds.contains(m.subjectId()))
                .filter(m -> m.target().platform() == Platform.SLACK || m.target().platform() == Platform.DISCORD)
                .toList();
    }

    /** The referrals the contact made with a referred email (the ones written as leads), by the referrer index. */
    private List<CrmErasure.ReferredLead> referredLeads(String id) {
        Query made = Query.query(Criteria.where("referrerContactId").is(id).and("referredEmail").ne(null));
        made.fields().include("referredEmail");
        return mongo.find(made, Document.class, mongo.getCollectionName(Referral.class)).stream()
                .map(r -> new CrmErasure.ReferredLead(r.get("_id").toString(), r.getString("referredEmail"))).toList();
    }

    /**
     * Messages queued before the outbox stored the addresses it shows ({@code mentions} is absent): their text is
     * searched, but only theirs (the {@code outbox_mentions} and {@code outbox_sent_mentions} indexes hold them
     * under null), and the retention job prunes the sent ones within weeks of an upgrade.
     */
    private static Criteria legacyMentions(String id) {
        String mentions = "(?i)" + Pattern.quote(id);
        return Criteria.where("mentions").is(null).orOperator(Criteria.where("message.text").regex(mentions),
                Criteria.where("message.title").regex(mentions));
    }

    /** A stable stand-in for an erased contact, so counts still group by person without naming them. */
    public static String pseudonym(String contactId) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(contactId.getBytes(StandardCharsets.UTF_8));
            return "erased-" + HexFormat.of().formatHex(h, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String idOf(String email) {
        if (email == null || email.isBlank() || !email.contains("@") || email.length() > 320) {
            throw new InvalidInputException("give the contact's email address");
        }
        return Contact.idFor(email);
    }

    private static Query byField(String field, String value) {
        return Query.query(Criteria.where(field).is(value));
    }

    private static Query feedbackOf(String id) {
        return Query.query(new Criteria().orOperator(Criteria.where("contactId").is(id),
                Criteria.where("email").regex("^" + Pattern.quote(id) + "$", "i")));
    }

    private static Query followUpsOf(String id) {
        return Query.query(new Criteria().orOperator(Criteria.where("contactId").is(id),
                Criteria.where("respondentEmail").regex("^" + Pattern.quote(id) + "$", "i")));
    }

    private static String counts(Map<String, Object> out) {
        StringBuilder b = new StringBuilder();
        out.forEach((k, v) -> {
            if (v instanceof List<?> l) {
                b.append(k).append('=').append(l.size()).append(' ');
            }
        });
        return b.toString().trim();
    }

}
