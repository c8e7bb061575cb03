package com.referralloop.web;

import com.referralloop.account.AccountInput;
import com.referralloop.account.AccountInput.ContactInput;
import com.referralloop.account.AccountInput.OwnerInput;
import com.referralloop.account.AccountService;
import com.referralloop.chat.ChatUser;
import com.referralloop.feedback.Feedback;
import com.referralloop.feedback.FeedbackService;
import com.referralloop.feedback.NpsProperties;
import com.referralloop.feedback.SurveyResponse;
import com.referralloop.followup.FollowUp;
import com.referralloop.followup.FollowUpException;
import com.referralloop.followup.FollowUpOpener;
import com.referralloop.followup.FollowUpOutcome;
import com.referralloop.followup.FollowUpService;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * Sample accounts and survey answers for REFERRAL_DEMO=true, so a newcomer sees the whole loop at once.
 * Answers go through {@link FeedbackService#store} like a webhook's, so follow-ups appear the normal way.
 * Loading twice changes nothing: accounts and answers are upserts, and the sample actions on follow-ups
 * run only when the marker document {@code web_demo/v1} was inserted by this start.
 */
@Component
class DemoData {

    private static final Logger log = LoggerFactory.getLogger("referral.web");
    static final String SOURCE = "demo-nps";
    static final String[] OWNERS = {"maya@vendor.example", "li@vendor.example", "sam@vendor.example"};
    private static final String[][] ACCOUNTS = {
        {"DEMO-1", "Acme Robotics", "0", "alice@acme.example", "Alice Moreau", "bob@acme.example", "Bob Tran"},
        {"DEMO-2", "Globex", "1", "carol@globex.example", "Carol Diaz", "dan@globex.example", "Dan Okafor"},
        {"DEMO-3", "Initech", "2", "erin@initech.example", "Erin Walsh", "frank@initech.example", "Frank Li"},
        {"DEMO-4", "Umbrella Health", "0", "grace@umbrella.example", "Grace Kim", "heidi@umbrella.example", "Heidi Berg"},
        {"DEMO-5", "Stark Logistics", "1", "ivan@stark.example", "Ivan Petrov", "judy@stark.example", "Judy Adams"},
    };
    /** Ten weeks of answers, oldest first; later weeks get better, as a working loop should. */
    private static final int[] SCORES = {6, 9, 7, 3, 10, 8, 9, 5, 7, 10, 9, 6, 8, 10, 9, 4, 9, 10, 7, 9, 10, 8,
        10, 9, 6, 10, 9, 9, 8, 10, 10, 9, 7, 10, 9, 10};

    private final AccountService accounts;
    private final FeedbackService feedback;
    private final FollowUpService followUps;
    private final FollowUpOpener opener;
    private final MongoTemplate mongo;
    private final WebProperties props;
    private final NpsProperties nps;
    private final Clock clock;

    DemoData(AccountService accounts, FeedbackService feedback, FollowUpOpener opener, FollowUpService followUps,
             MongoTemplate mongo, WebProperties props, NpsProperties nps, Clock clock) {
        this.accounts = accounts;
        this.feedback = feedback;
        this.followUps = followUps;
        this.opener = opener;
        this.mongo = mongo;
        this.props = props;
        this.nps = nps;
        this.clock = clock;
    }

    @EventListener(ApplicationReadyEvent.class)
    @org.springframework.core.annotation.Order(0)
    void onReady() {
        if (props.demo()) {
            try {
                load();
            } catch (RuntimeException e) {
                // a broken sample must not stop the bot itself
                log.warn("Demo data could not be loaded: {}", e.toString());
            }
        }
    }

    void load() {
        for (String[] a : ACCOUNTS) {
            String owner = OWNERS[Integer.parseInt(a[2])];
            accounts.upsert(new AccountInput(a[0], a[1], new OwnerInput(owner, null, null, "head-of-cs@vendor.example"),
                    null, List.of(new ContactInput(a[3], a[4], null, null, null), new ContactInput(a[5], a[6], null, null, null))));
        }
        Instant now = clock.instant();
        for (int i = 0; i < SCORES.length; i++) {
            String[] a = ACCOUNTS[i % ACCOUNTS.length];
            String email = i % 2 == 0 ? a[3] : a[5];
            Instant answered = now.minus(Duration.ofHours((long) (SCORES.length - i) * 46 + 5));
            // the comment follows the category the store will give the score, under the configured thresholds
            String comment = DemoComments.pick(nps.classify(SCORES[i]), i);
            feedback.store(new SurveyResponse(SOURCE, responseId(i), SCORES[i], comment, email, a[0], answered,
                    "{\"demo\":true}"));
        }
        boolean first;
        try {
            mongo.insert(new org.bson.Document("_id", "v1").append("loadedAt", java.util.Date.from(now)), "web_demo");
            first = true;
        } catch (DuplicateKeyException loadedBefore) {
            first = false;
        }
        if (first) {
            actOnSamples(now);
        }
        log.info("Demo data loaded: {} accounts, {} survey answers (source {})", ACCOUNTS.length, SCORES.length, SOURCE);
    }

    static String responseId(int i) {
        return "demo-%02d".formatted(i);
    }

    /**
     * Makes the sample loop look lived-in: follow-ups are back-dated to when their answers came in, and some are
     * acted on, some on time and some late, some left overdue.
     */
    private void actOnSamples(Instant now) {
        for (int i = 0; i < SCORES.length; i++) {
            String feedbackId = Feedback.idOf(SOURCE, responseId(i));
            FollowUp f = opener.openFor(feedbackId).orElse(null);
            if (f == null) {
                continue;
            }
            Duration age = Duration.ofHours(switch (i % 5) {
                case 0 -> 8;
                case 1 -> 30;
                case 2 -> 70;
                case 3 -> 20;
                default -> 4;
            });
            Instant created = now.minus(age);
            mongo.updateFirst(Query.query(Criteria.where("_id").is(f.id())),
                    new Update().set("createdAt", created).set("dueAt", created.plus(Duration.between(f.createdAt(), f.dueAt())))
                            .set("slaCheckAt", now).set("changedAt", now),
                    FollowUp.class);
            ChatUser owner = PlaygroundPage.userOf(f.ownerEmail() == null ? OWNERS[0] : f.ownerEmail());
            try {
                switch (i % 6) {
                    case 0 -> followUps.close(f.id(), f.score() >= 9 ? FollowUpOutcome.REFERRAL_ASKED : FollowUpOutcome.RESOLVED, null, owner);
                    case 1 -> followUps.acknowledge(f.id(), owner);
                    case 2 -> followUps.close(f.id(), f.score() >= 9 ? FollowUpOutcome.CONSENT_RECORDED : FollowUpOutcome.RESOLVED, "demo", owner);
                    case 3 -> followUps.close(f.id(), f.score() >= 9 ? FollowUpOutcome.TESTIMONIAL_REQUESTED : FollowUpOutcome.RESOLVED, null, owner);
                    default -> { }
                }
            } catch (FollowUpException alreadyMoved) {
                // someone used the playground first; the sample stays as it is
            }
        }
    }
}
