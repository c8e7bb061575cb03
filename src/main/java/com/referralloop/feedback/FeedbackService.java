package com.referralloop.feedback;

import com.referralloop.account.AccountService;
import com.referralloop.account.Contact;
import com.referralloop.feedback.FeedbackEvents.FeedbackReceived;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

/**
 * Stores survey answers idempotently: one atomic upsert per delivery, so a retry or an "updated"
 * event merges into the one record and nothing is half-written if the store fails.
 */
@Service
public class FeedbackService {

    private final MongoTemplate mongo;
    private final AccountService accounts;
    private final NpsProperties nps;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    FeedbackService(MongoTemplate mongo, AccountService accounts, NpsProperties nps, Clock clock,
                    ApplicationEventPublisher events) {
        this.mongo = mongo;
        this.accounts = accounts;
        this.nps = nps;
        this.clock = clock;
        this.events = events;
    }

    public record Stored(Feedback feedback, boolean created) { }

    public Stored store(SurveyResponse r) {
        try {
            return upsert(r);
        } catch (DuplicateKeyException raced) {
            // two deliveries of one new answer raced to insert; the second is now a plain update
            return upsert(r);
        }
    }

    private Stored upsert(SurveyResponse r) {
        Instant now = clock.instant();
        String id = Feedback.idOf(r.source(), r.responseId());
        Optional<Contact> contact = accounts.contactByEmail(r.email());
        String accountId = contact.map(Contact::accountId)
                .or(() -> accounts.find(r.accountId()).map(a -> a.id()))
                .orElse(r.accountId());
        Update update = new Update()
                .setOnInsert("source", r.source())
                .setOnInsert("responseId", r.responseId())
                .setOnInsert("receivedAt", now)
                .setOnInsert("followUpDone", false)
                .set("updatedAt", now)
                .set("raw", r.raw());
        if (r.score() != null) {
            update.set("score", r.score()).set("category", nps.classify(r.score()));
        }
        if (r.comment() != null) {
            update.set("comment", r.comment());
        }
        if (r.email() != null) {
            update.set("email", r.email());
        }
        contact.ifPresent(c -> update.set("contactId", c.id()));
        if (accountId != null) {
            update.set("accountId", accountId);
        }
        if (r.respondedAt() != null) {
            update.set("respondedAt", r.respondedAt());
        }
        Feedback before = mongo.findAndModify(Query.query(Criteria.where("_id").is(id)),
                update.inc("deliveries", 1), FindAndModifyOptions.options().upsert(true).returnNew(false), Feedback.class);
        Feedback after = mongo.findById(id, Feedback.class);
        boolean newlyScored = after.score() != null && (before == null || before.score() == null);
        if (newlyScored) {
            events.publishEvent(new FeedbackReceived(id, after.category()));
        }
        return new Stored(after, before == null);
    }

    public Optional<Feedback> find(String id) {
        return Optional.ofNullable(mongo.findById(id, Feedback.class));
    }

    /** Answers whose follow-up was not created yet (e.g. the process died after storing them). */
    public List<Feedback> pendingFollowUps(int limit) {
        return mongo.find(Query.query(Criteria.where("followUpDone").ne(true).and("score").ne(null))
                .with(Sort.by("receivedAt")).limit(limit), Feedback.class);
    }

    public void markFollowUpDone(String feedbackId) {
        mongo.updateFirst(Query.query(Criteria.where("_id").is(feedbackId)),
                new Update().set("followUpDone", true), Feedback.class);
    }

    public List<Feedback> receivedBetween(Instant from, Instant to) {
        return mongo.find(Query.query(Criteria.where("receivedAt").gte(from).lt(to)), Feedback.class);
    }
}
