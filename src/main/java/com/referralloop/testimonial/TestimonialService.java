package com.referralloop.testimonial;

import static com.referralloop.support.Strings.blankToNull;

import com.referralloop.account.Account;
import com.referralloop.account.Contact;
import com.referralloop.audit.AuditLog;
import com.referralloop.chat.ChatUser;
import com.referralloop.referral.Consent;
import com.referralloop.referral.ConsentService;
import com.referralloop.referral.ContactResolver;
import com.referralloop.referral.Permissions;
import com.referralloop.referral.ProgramException;
import com.referralloop.referral.ShortIds;
import com.referralloop.support.InvalidInputException;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

/**
 * Testimonials through their lifecycle. Each change is one conditional update on the state the
 * caller saw, so two reps cannot approve and reject the same quote at once.
 */
@Service
public class TestimonialService {

    static final int MAX_QUOTE = 2000;

    private final MongoTemplate mongo;
    private final Clock clock;
    private final Permissions permissions;
    private final ContactResolver resolver;
    private final ConsentService consents;
    private final ApplicationEventPublisher events;

    TestimonialService(MongoTemplate mongo, Clock clock, Permissions permissions, ContactResolver resolver,
                       ConsentService consents, ApplicationEventPublisher events) {
        this.mongo = mongo;
        this.clock = clock;
        this.permissions = permissions;
        this.resolver = resolver;
        this.consents = consents;
        this.events = events;
    }

    /** A new quote: pending the customer's approval, or a draft the rep still works on. */
    public Testimonial add(ChatUser by, Contact contact, String quote, String projectId, boolean draft) {
        Account account = resolver.accountOf(contact);
        permissions.requireOwnerOrAdmin(by, account, "record testimonials for its contacts");
        String q = checkQuote(quote);
        Instant now = clock.instant();
        TestimonialState state = draft ? TestimonialState.DRAFT : TestimonialState.PENDING_CUSTOMER;
        Testimonial t = new Testimonial(ShortIds.next('T'), contact.id(), account.id(), q, blankToNull(projectId), state,
                null, null, List.of(), List.of(new Testimonial.Step(null, state, AuditLog.who(by), now, "added")),
                AuditLog.who(by), now, now);
        Testimonial inserted = mongo.insert(t);
        events.publishEvent(new TestimonialChanged(inserted));
        return inserted;
    }

    /** Sends a draft to the customer for approval. */
    public Testimonial submit(ChatUser by, String id) {
        return move(by, id, EnumSet.of(TestimonialState.DRAFT), TestimonialState.PENDING_CUSTOMER, "sent for approval", new Update());
    }

    /** A changed text needs the customer's approval again; a published quote is taken down meanwhile. */
    public Testimonial edit(ChatUser by, String id, String quote) {
        String q = checkQuote(quote);
        return move(by, id, EnumSet.of(TestimonialState.DRAFT, TestimonialState.PENDING_CUSTOMER, TestimonialState.APPROVED,
                TestimonialState.PUBLISHED, TestimonialState.REJECTED), TestimonialState.PENDING_CUSTOMER,
                "edited; needs a new approval", new Update().set("quote", q).unset("rejectionReason"));
    }

    /** Records the customer's approval of the current text with its evidence; the text is frozen. */
    public Testimonial approve(ChatUser by, String id, String evidence) {
        if (evidence == null || evidence.isBlank()) {
            throw new InvalidInputException("missing evidence=<link or note> of the customer's approval");
        }
        Testimonial t = get(id);
        Testimonial.Approval a = new Testimonial.Approval(t.quote(), evidence.trim(), AuditLog.who(by), clock.instant());
        return move(by, id, EnumSet.of(TestimonialState.PENDING_CUSTOMER), TestimonialState.APPROVED,
                "customer approved: " + evidence.trim(), new Update().set("approvedQuote", t.quote()).push("approvals", a),
                Criteria.where("quote").is(t.quote()));
    }

    public Testimonial reject(ChatUser by, String id, String reason) {
        if (reason == null || reason.isBlank()) {
            throw new InvalidInputException("missing reason=\"...\": say why it is rejected");
        }
        return move(by, id, EnumSet.of(TestimonialState.DRAFT, TestimonialState.PENDING_CUSTOMER, TestimonialState.APPROVED),
                TestimonialState.REJECTED, reason.trim(), new Update().set("rejectionReason", reason.trim()));
    }

    /** Publishes the approved text; needs live consent whose scope includes quote, now. */
    public Testimonial publish(ChatUser by, String id) {
        Testimonial t = get(id);
        check(by, t, EnumSet.of(TestimonialState.APPROVED), TestimonialState.PUBLISHED);
        Optional<Consent> live = consents.live(t.contactId());
        if (live.isEmpty() || !live.get().covers("quote")) {
            throw new ProgramException("testimonial " + t.id() + " cannot be published: consent of " + t.contactId() + " is "
                    + consents.describe(t.contactId()) + "; publishing needs live consent whose scope includes quote.");
        }
        return move(by, id, EnumSet.of(TestimonialState.APPROVED), TestimonialState.PUBLISHED, "published", new Update());
    }

    public Testimonial get(String id) {
        return find(id).orElseThrow(() -> new InvalidInputException("no testimonial with id " + id));
    }

    public Optional<Testimonial> find(String id) {
        return id == null ? Optional.empty() : Optional.ofNullable(mongo.findById(ShortIds.normalise(id), Testimonial.class));
    }

    /** The newest {@code limit} testimonials (by last change) with the state and of the contact, each when given. */
    public List<Testimonial> list(TestimonialState state, String contactId, int limit) {
        return mongo.find(Query.query(listed(state, contactId)).with(Sort.by(Sort.Order.desc("updatedAt"), Sort.Order.desc("_id")))
                .limit(limit), Testimonial.class);
    }

    /** How many testimonials {@link #list} would list with no limit: counted by MongoDB. */
    public long count(TestimonialState state, String contactId) {
        return mongo.count(Query.query(listed(state, contactId)), Testimonial.class);
    }

    private static Criteria listed(TestimonialState state, String contactId) {
        Criteria c = new Criteria();
        if (state != null) {
            c = c.and("state").is(state);
        }
        if (contactId != null) {
            c = c.and("contactId").is(contactId);
        }
        return c;
    }

    /** True while a published quote's consent no longer covers it: it should come down. */
    public boolean consentLapsed(Testimonial t) {
        return t.state() == TestimonialState.PUBLISHED
                && consents.live(t.contactId()).filter(c -> c.covers("quote")).isEmpty();
    }

    private Testimonial move(ChatUser by, String id, Set<TestimonialState> from, TestimonialState to, String note, Update u,
                             Criteria... extra) {
        Testimonial t = get(id);
        check(by, t, from, to);
        Instant now = clock.instant();
        u.set("state", to).set("updatedAt", now).push("history", new Testimonial.Step(t.state(), to, AuditLog.who(by), now, note));
        Criteria where = Criteria.where("_id").is(t.id()).and("state").is(t.state());
        for (Criteria c : extra) {
            where = new Criteria().andOperator(where, c);
        }
        if (mongo.updateFirst(Query.query(where), u, Testimonial.class).getModifiedCount() == 0) {
            throw new ProgramException("testimonial " + t.id() + " changed meanwhile; it is now " + get(id).state().word());
        }
        Testimonial moved = get(id);
        events.publishEvent(new TestimonialChanged(moved));
        return moved;
    }

    private void check(ChatUser by, Testimonial t, Set<TestimonialState> from, TestimonialState to) {
        Account account = resolver.findAccount(t.accountId()).orElseThrow(() ->
                new ProgramException("testimonial " + t.id() + " belongs to an account that no longer exists"));
        permissions.requireOwnerOrAdmin(by, account, "change testimonials of its contacts");
        if (!from.contains(t.state())) {
            throw new ProgramException("testimonial " + t.id() + " is " + t.state().word() + "; it cannot become " + to.word());
        }
    }

    private static String checkQuote(String quote) {
        if (quote == null || quote.isBlank()) {
            throw new InvalidInputException("missing the quote, in double quotes");
        }
        if (quote.length() > MAX_QUOTE) {
            throw new InvalidInputException("the quote is longer than " + MAX_QUOTE + " characters");
        }
        return quote.trim();
    }
}
