package com.referralloop.feedback.provider;

import com.referralloop.feedback.FeedbackProperties;
import com.referralloop.feedback.StandardWebhookSignature;
import com.referralloop.feedback.SurveyProvider;
import com.referralloop.feedback.SurveyResponse;
import com.referralloop.feedback.WebhookRequest;
import java.time.Clock;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** Our own JSON format, signed the Standard Webhooks way with {@code FEEDBACK_WEBHOOK_SECRET}. */
@Component
class GenericSurveyProvider implements SurveyProvider {

    private final FeedbackProperties props;
    private final ObjectMapper json;
    private final Clock clock;

    GenericSurveyProvider(FeedbackProperties props, ObjectMapper json, Clock clock) {
        this.props = props;
        this.json = json;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "generic";
    }

    @Override
    public void verify(WebhookRequest request) {
        JsonFields.requireJson(request);
        StandardWebhookSignature.verify(request, props.webhookSecret(), props.tolerance(), clock);
    }

    @Override
    public SurveyResponse parse(WebhookRequest request) {
        JsonNode body = JsonFields.parseObject(json, request);
        String responseId = JsonFields.required(body.get("responseId"), "responseId", 200);
        String source = JsonFields.text(body.get("source"));
        return new SurveyResponse(source == null ? "generic" : source, responseId,
                JsonFields.score(body.get("score"), "score", true),
                JsonFields.text(body.get("comment")),
                JsonFields.text(body.get("email")),
                JsonFields.text(body.get("accountId")),
                JsonFields.instant(body.get("respondedAt"), "respondedAt"),
                request.bodyText());
    }
}
