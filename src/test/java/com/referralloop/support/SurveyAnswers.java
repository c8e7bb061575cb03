package com.referralloop.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.referralloop.feedback.Feedback;
import com.referralloop.followup.FollowUp;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import tools.jackson.databind.json.JsonMapper;

/** NPS answers through the signed feedback webhook, as the survey tool sends them, and the follow-ups they open. */
public final class SurveyAnswers {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private SurveyAnswers() {
    }

    /** Posts one answer of source "nps"; the webhook accepts it (202). */
    public static void post(Http http, String responseId, int score, String email, String comment, Instant respondedAt) {
        String body = JSON.writeValueAsString(Map.of("responseId", responseId, "source", "nps", "score", score,
                "email", email, "comment", comment, "respondedAt", respondedAt.toString()));
        HttpResponse<String> r = http.post("/webhooks/feedback", "application/json", body, WebhookSigner.headers(body));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
    }

    /** The follow-up the answer opened, once it is stored. */
    public static FollowUp awaitFollowUp(MongoTemplate mongo, String responseId) {
        Query q = Query.query(Criteria.where("feedbackId").is(Feedback.idOf("nps", responseId)));
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(50)).until(() -> mongo.findOne(q, FollowUp.class) != null);
        return mongo.findOne(q, FollowUp.class);
    }
}
