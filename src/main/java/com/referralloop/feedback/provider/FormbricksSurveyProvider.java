package com.referralloop.feedback.provider;

import com.referralloop.feedback.FeedbackProperties;
import com.referralloop.feedback.StandardWebhookSignature;
import com.referralloop.feedback.SurveyProvider;
import com.referralloop.feedback.SurveyResponse;
import com.referralloop.feedback.WebhookRejectedException;
import com.referralloop.feedback.WebhookRequest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Formbricks webhooks ({@code responseCreated}, {@code responseUpdated}, {@code responseFinished}),
 * signed the Standard Webhooks way with the {@code whsec_} secret in {@code FORMBRICKS_WEBHOOK_SECRET}.
 * Every event repeats the whole response under {@code data} with the same {@code data.id}.
 */
@Component
class FormbricksSurveyProvider implements SurveyProvider {

    private static final Set<String> ANSWER_EVENTS = Set.of("responseCreated", "responseUpdated", "responseFinished");
    private static final String FINISHED = "responseFinished";
    private static final List<String> SCORE_IDS = List.of("nps", "score", "nps_score");
    private static final List<String> COMMENT_IDS = List.of("comment", "reason", "feedback", "why");
    private static final Set<String> NOT_AN_ANSWER = Set.of("email", "accountId", "account_id", "userId");

    private final FeedbackProperties props;
    private final ObjectMapper json;
    private final Clock clock;

    FormbricksSurveyProvider(FeedbackProperties props, ObjectMapper json, Clock clock) {
        this.props = props;
        this.json = json;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "formbricks";
    }

    @Override
    public void verify(WebhookRequest request) {
        Signatures.requireSecret(props.formbricksSecret(), "Formbricks", "FORMBRICKS_WEBHOOK_SECRET");
        if (request.header("webhook-signature") == null && isTestPing(request)) {
            // Formbricks pings a new endpoint before it has created (and shown) the secret, so that ping is
            // unsigned; it carries no answer and parse() ignores it
            return;
        }
        StandardWebhookSignature.verify(request, props.formbricksSecret(), props.tolerance(), clock);
        JsonFields.requireJson(request);
    }

    private boolean isTestPing(WebhookRequest request) {
        try {
            JsonNode node = json.readTree(request.body());
            return node != null && node.isObject() && node.size() == 1
                    && "testEndpoint".equals(JsonFields.scalar(node.get("event")));
        } catch (JacksonException e) {
            return false;
        }
    }

    @Override
    public SurveyResponse parse(WebhookRequest request) {
        JsonNode body = JsonFields.parseObject(json, request);
        String event = JsonFields.scalar(body.get("event"));
        if (event == null || !ANSWER_EVENTS.contains(event)) {
            // testEndpoint and anything newer carry no answer
            return null;
        }
        JsonNode response = body.get("data");
        if (response == null || !response.isObject()) {
            throw WebhookRejectedException.badRequest("field 'data' must be an object");
        }
        JsonNode answers = response.get("data");
        if (answers == null || !answers.isObject()) {
            answers = json.createObjectNode();
        }
        Map.Entry<String, JsonNode> score = scoreAnswer(answers);
        if (score == null) {
            if (!FINISHED.equals(event)) {
                // the respondent has not answered the NPS question yet: nothing to store
                return null;
            }
            throw WebhookRejectedException.badRequest("field 'data.data.nps' is required: name the NPS question's ID "
                    + "'nps' in Formbricks, or keep it the only whole-number answer");
        }
        JsonNode attributes = response.get("contactAttributes");
        String email = JsonFields.firstScalar(attributes, "email");
        String accountId = JsonFields.firstScalar(answers, "accountId", "account_id");
        return new SurveyResponse(name(),
                JsonFields.requiredId(response.get("id"), "data.id", 200),
                JsonFields.score(score.getValue(), "data.data." + score.getKey(), true),
                JsonFields.firstScalar(answers, COMMENT_IDS.toArray(String[]::new)),
                email != null ? email : JsonFields.firstScalar(answers, "email"),
                accountId != null ? accountId : JsonFields.firstScalar(attributes, "accountId", "account_id"),
                JsonFields.lenientInstant(response.get("createdAt")),
                request.bodyText());
    }

    /** The question named nps (or score), else the only whole-number answer. */
    private static Map.Entry<String, JsonNode> scoreAnswer(JsonNode answers) {
        for (String id : SCORE_IDS) {
            JsonNode v = answers.get(id);
            if (v != null && !v.isNull() && !(v.isString() && v.asString().isBlank())) {
                return Map.entry(id, v);
            }
        }
        List<Map.Entry<String, JsonNode>> numbers = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : answers.properties()) {
            if (e.getValue().isIntegralNumber() && !NOT_AN_ANSWER.contains(e.getKey())) {
                numbers.add(e);
            }
        }
        return numbers.size() == 1 ? numbers.get(0) : null;
    }
}
