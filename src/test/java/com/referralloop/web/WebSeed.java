package com.referralloop.web;

import com.referralloop.account.AccountInput;
import com.referralloop.account.AccountInput.ContactInput;
import com.referralloop.account.AccountInput.OwnerInput;
import com.referralloop.account.AccountService;
import com.referralloop.feedback.FeedbackService;
import com.referralloop.feedback.SurveyResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The data the web tests see: two accounts with two owners and six answers in the last days —
 * 3 promoters, 1 passive, 2 detractors, so NPS = round(100 * (3 - 2) / 6) = 17 and 5 follow-ups open.
 */
final class WebSeed {

    static final String REP = "rep@vendor.com";
    static final String OTHER = "kim@vendor.com";
    static final int NPS = 17;
    static final int[] SCORES = {9, 10, 9, 8, 3, 5};

    private WebSeed() {
    }

    /**
     * Empties every collection. Deleting documents instead of dropping the database keeps the embedded
     * store's maps open while background workers still poll them ("Map is closed" otherwise).
     */
    static void clear(org.springframework.data.mongodb.core.MongoTemplate mongo) {
        for (String c : mongo.getCollectionNames()) {
            mongo.getCollection(c).deleteMany(new org.bson.Document());
        }
    }

    static void load(AccountService accounts, FeedbackService feedback) {
        accounts.upsert(new AccountInput("A-1", "Acme", new OwnerInput(REP, null, null, "boss@vendor.com"), null,
                List.of(new ContactInput("alice@acme.com", "Alice Smith", null, null, null),
                        new ContactInput("bob@acme.com", "Bob Jones", null, null, null))));
        accounts.upsert(new AccountInput("A-2", "Globex", new OwnerInput(OTHER, null, null, null), null,
                List.of(new ContactInput("carol@globex.com", "Carol Diaz", null, null, null))));
        String[] emails = {"alice@acme.com", "carol@globex.com", "bob@acme.com", "alice@acme.com", "carol@globex.com", "bob@acme.com"};
        Instant now = Instant.now();
        for (int i = 0; i < SCORES.length; i++) {
            feedback.store(new SurveyResponse("nps-q4", "r-" + i, SCORES[i], "comment <b>" + i + "</b>", emails[i], null,
                    now.minus(Duration.ofDays(1 + i)), "{}"));
        }
    }
}
