package com.referralloop.feedback.provider;

import com.referralloop.feedback.FeedbackProperties;
import com.referralloop.feedback.SurveyProvider;
import com.referralloop.feedback.SurveyResponse;
import com.referralloop.feedback.WebhookRejectedException;
import com.referralloop.feedback.WebhookRequest;
import java.util.Set;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Delighted webhooks: {@code survey_response.created} (score) and {@code survey_response.updated}
 * (usually the comment), signed {@code X-Delighted-Webhook-Signature: sha256=<hex HMAC-SHA256 of the body>}
 * with the key in {@code DELIGHTED_WEBHOOK_SECRET}. Both events of one answer carry the same
 * {@code event_data.id}, so they land on one feedback record.
 */
@Component
class DelightedSurveyProvider implements SurveyProvider {

    static final String SIGNATURE_HEADER = "X-Delighted-Webhook-Signature";
    private static final Set<String> ANSWER_EVENTS = Set.of("survey_response.created", "survey_response.updated");

    private final FeedbackProperties props;
    private final ObjectMapper json;

    DelightedSurveyProvider(FeedbackProperties props, ObjectMapper json) {
        this.props = props;
        this.json = json;
    }

    @Override
    public String name() {
        return "delighted";
    }

    @Override
    public void verify(WebhookRequest request) {
        String secret = Signatures.requireSecret(props.delightedSecret(), "Delighted", "DELIGHTED_WEBHOOK_SECRET");
        byte[] expected = Signatures.hmac("HmacSHA256", secret, request.body());
        if (!Signatures.matches(request.header(SIGNATURE_HEADER), "sha256=", true, expected)) {
            throw WebhookRejectedException.unauthorized(SIGNATURE_HEADER + " is missing or does not match");
        }
        JsonFields.requireJson(request);
    }

    @Override
    public SurveyResponse parse(WebhookRequest request) {
        JsonNode body = JsonFields.parseObject(json, request);
        String event = JsonFields.scalar(body.get("event_type"));
        if (event == null || !ANSWER_EVENTS.contains(event)) {
            // unsubscribe.created and anything newer carry no answer
            return null;
        }
        JsonNode data = body.get("event_data");
        if (data == null || !data.isObject()) {
            throw WebhookRejectedException.badRequest("field 'event_data' must be an object");
        }
        String surveyType = JsonFields.scalar(data.get("survey_type"));
        if (surveyType != null && !"nps".equalsIgnoreCase(surveyType)) {
            // CSAT, CES, 5-star... use other scales; reading them as NPS would misclassify the customer
            return null;
        }
        JsonNode person = data.get("person");
        return new SurveyResponse(name(),
                JsonFields.requiredId(data.get("id"), "event_data.id", 200),
                JsonFields.score(data.get("score"), "event_data.score", true),
                JsonFields.scalar(data.get("comment")),
                JsonFields.firstScalar(person, "email"),
                JsonFields.firstScalar(data.get("person_properties"), "accountId", "account_id", "Account ID"),
                JsonFields.lenientInstant(data.get("created_at")),
                request.bodyText());
    }
}
