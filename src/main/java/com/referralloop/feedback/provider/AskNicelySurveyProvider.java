package com.referralloop.feedback.provider;

import com.referralloop.feedback.FeedbackProperties;
import com.referralloop.feedback.SurveyProvider;
import com.referralloop.feedback.SurveyResponse;
import com.referralloop.feedback.WebhookRejectedException;
import com.referralloop.feedback.WebhookRequest;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * AskNicely webhooks. AskNicely does not sign its webhooks; it sends the custom headers configured in
 * its Webhooks app, so the secret travels as {@code X-AskNicely-Secret: <ASKNICELY_WEBHOOK_SECRET>}.
 * Every update of an answer is a new delivery with a growing {@code count} and the same
 * {@code question.id}, so all of them land on one feedback record.
 */
@Component
class AskNicelySurveyProvider implements SurveyProvider {

    static final String SECRET_HEADER = "X-AskNicely-Secret";

    private final FeedbackProperties props;
    private final ObjectMapper json;

    AskNicelySurveyProvider(FeedbackProperties props, ObjectMapper json) {
        this.props = props;
        this.json = json;
    }

    @Override
    public String name() {
        return "asknicely";
    }

    @Override
    public void verify(WebhookRequest request) {
        String secret = Signatures.requireSecret(props.asknicelySecret(), "AskNicely", "ASKNICELY_WEBHOOK_SECRET");
        if (!Signatures.sameSecret(request.header(SECRET_HEADER), secret)) {
            throw WebhookRejectedException.unauthorized(SECRET_HEADER + " is missing or does not match");
        }
        JsonFields.requireJson(request);
    }

    @Override
    public SurveyResponse parse(WebhookRequest request) {
        JsonNode body = JsonFields.parseObject(json, request);
        JsonNode question = body.get("question");
        if (question == null || question.isNull()) {
            // no answer in it (e.g. a connectivity test from the Webhooks app)
            return null;
        }
        if (!question.isObject()) {
            throw WebhookRejectedException.badRequest("field 'question' must be an object");
        }
        JsonNode person = body.get("person");
        JsonNode id = question.has("id") ? question.get("id")
                : question.has("response_id") ? question.get("response_id") : body.get("response_id");
        return new SurveyResponse(name(),
                JsonFields.requiredId(id, "question.id", 200),
                JsonFields.score(blankAsMissing(question.get("score")), "question.score", true),
                JsonFields.scalar(question.get("comment")),
                JsonFields.firstScalar(person, "email"),
                JsonFields.firstScalar(person, "account_id", "accountId", "accountid"),
                JsonFields.lenientInstant(question.get("responded")),
                request.bodyText());
    }

    /** AskNicely sends the score as a string; an empty one means no score. */
    private static JsonNode blankAsMissing(JsonNode score) {
        return score != null && score.isString() && score.asString().isBlank() ? null : score;
    }
}
