package com.referralloop.sla;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.referralloop.chat.outbox.OutboxMessage;
import com.referralloop.followup.FollowUp;
import com.referralloop.support.Http;
import com.referralloop.support.WebhookSigner;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

/** Accounts, signed survey answers and outbox look-ups shared by the SLA and reply tests. */
public final class SlaFixtures {

    /** Acme has a manager and a CS channel; Globex has neither; Alice prefers email, Bob Slack, Dan Discord. */
    public static final String CSV = """
            account_id,account_name,owner_email,owner_slack_id,owner_discord_id,manager_email,cs_channel,contact_email,contact_name,contact_slack_id,contact_discord_id,preferred_channel
            A-1,Acme,rep@vendor.com,U-REP,,boss@vendor.com,C-CS,alice@acme.com,Alice Smith,,,email
            A-1,Acme,rep@vendor.com,U-REP,,boss@vendor.com,C-CS,bob@acme.com,Bob Jones,U-BOB,,slack
            A-2,Globex,sam@vendor.com,,,,,dan@globex.com,Dan Brown,,D-DAN,discord
            """;

    private final Http http;
    private final MongoTemplate mongo;

    public SlaFixtures(Http http, MongoTemplate mongo) {
        this.http = http;
        this.mongo = mongo;
    }

    /**
     * Empties every collection. Removing documents instead of dropping the database keeps the indexes and
     * avoids an H2 "map is closed" error when a background poller touches a collection being dropped.
     */
    public static void clean(MongoTemplate mongo) {
        for (String name : mongo.getCollectionNames()) {
            mongo.remove(new Query(), name);
        }
    }

    public void importAccounts() {
        HttpResponse<String> r = http.post("/api/accounts/import", "text/csv", CSV, Map.of());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }

    /** Sends a signed survey answer and waits for its follow-up. */
    public FollowUp answer(String responseId, int score, String email) {
        String body = """
                {"responseId":"%s","source":"nps","score":%d,"comment":"Great support","email":"%s"}
                """.formatted(responseId, score, email);
        HttpResponse<String> r = http.post("/webhooks/feedback", "application/json", body, WebhookSigner.headers(body));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(10)).until(() -> mongo.count(Query.query(
                Criteria.where("feedbackId").is("nps|" + responseId)), FollowUp.class) == 1);
        return mongo.findOne(Query.query(Criteria.where("feedbackId").is("nps|" + responseId)), FollowUp.class);
    }

    public List<OutboxMessage> outbox(String keyPrefix) {
        return mongo.find(Query.query(Criteria.where("dedupeKey").regex("^" + java.util.regex.Pattern.quote(keyPrefix))),
                OutboxMessage.class);
    }

    public FollowUp reload(String id) {
        return mongo.findById(id, FollowUp.class);
    }
}
