package com.referralloop.feedback.provider;

import com.referralloop.feedback.FeedbackProperties;
import com.referralloop.feedback.SurveyProvider;
import com.referralloop.feedback.SurveyResponse;
import com.referralloop.feedback.WebhookRejectedException;
import com.referralloop.feedback.WebhookRequest;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Wootric (InMoment) outgoing webhooks, JSON or form-encoded, signed
 * {@code X-Wootric-Signature: sha1=<hex HMAC-SHA1 of the body>} with {@code WOOTRIC_WEBHOOK_SECRET}.
 * Response events carry {@code response.*}; declines carry {@code decline.*} and no answer.
 */
@Component
class WootricSurveyProvider implements SurveyProvider {

    static final String SIGNATURE_HEADER = "X-Wootric-Signature";
    private static final Set<String> ANSWER_EVENTS = Set.of("created", "updated");

    private final FeedbackProperties props;
    private final ObjectMapper json;

    WootricSurveyProvider(FeedbackProperties props, ObjectMapper json) {
        this.props = props;
        this.json = json;
    }

    @Override
    public String name() {
        return "wootric";
    }

    @Override
    public void verify(WebhookRequest request) {
        String secret = Signatures.requireSecret(props.wootricSecret(), "Wootric", "WOOTRIC_WEBHOOK_SECRET");
        byte[] expected = Signatures.hmac("HmacSHA1", secret, request.body());
        if (!Signatures.matches(request.header(SIGNATURE_HEADER), "sha1=", true, expected)) {
            throw WebhookRejectedException.unauthorized(SIGNATURE_HEADER + " is missing or does not match");
        }
        if (!request.isJson() && !request.isForm()) {
            throw new WebhookRejectedException(HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                    "Content-Type must be application/json or application/x-www-form-urlencoded");
        }
    }

    @Override
    public SurveyResponse parse(WebhookRequest request) {
        JsonNode body = request.isForm() ? FormFields.parse(json, request.body()) : JsonFields.parseObject(json, request);
        JsonNode response = body.get("response");
        String event = JsonFields.scalar(body.get("event_name"));
        if (response == null || !response.isObject() || (event != null && !ANSWER_EVENTS.contains(event))) {
            // declines and other events carry no answer
            return null;
        }
        String mode = JsonFields.scalar(body.get("survey_mode"));
        if (mode != null && !"NPS".equalsIgnoreCase(mode)) {
            // CES and CSAT surveys use other scales; reading them as NPS would misclassify the customer
            return null;
        }
        return new SurveyResponse(name(),
                JsonFields.requiredId(response.get("id"), "response.id", 200),
                JsonFields.score(response.get("score"), "response.score", true),
                JsonFields.scalar(response.get("text")),
                JsonFields.scalar(response.get("email")),
                JsonFields.firstScalar(response.get("end_user_properties"), "account_id", "accountId"),
                JsonFields.lenientInstant(response.get("created_at")),
                request.bodyText());
    }
}
