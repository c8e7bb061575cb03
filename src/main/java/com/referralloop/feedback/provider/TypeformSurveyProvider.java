package com.referralloop.feedback.provider;

import com.referralloop.feedback.FeedbackProperties;
import com.referralloop.feedback.SurveyProvider;
import com.referralloop.feedback.SurveyResponse;
import com.referralloop.feedback.WebhookRejectedException;
import com.referralloop.feedback.WebhookRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Typeform webhooks ({@code form_response}, and {@code form_response_partial} when partial responses
 * are on), signed {@code Typeform-Signature: sha256=<base64 HMAC-SHA256 of the body>} with
 * {@code TYPEFORM_WEBHOOK_SECRET}. A partial and the complete response share {@code form_response.token}.
 */
@Component
class TypeformSurveyProvider implements SurveyProvider {

    static final String SIGNATURE_HEADER = "Typeform-Signature";
    private static final String COMPLETE = "form_response";
    private static final String PARTIAL = "form_response_partial";
    private static final Set<String> SCORE_REFS = Set.of("nps", "score", "nps_score");
    private static final Set<String> COMMENT_REFS = Set.of("comment", "reason", "feedback", "why");

    private final FeedbackProperties props;
    private final ObjectMapper json;

    TypeformSurveyProvider(FeedbackProperties props, ObjectMapper json) {
        this.props = props;
        this.json = json;
    }

    @Override
    public String name() {
        return "typeform";
    }

    @Override
    public void verify(WebhookRequest request) {
        String secret = Signatures.requireSecret(props.typeformSecret(), "Typeform", "TYPEFORM_WEBHOOK_SECRET");
        byte[] expected = Signatures.hmac("HmacSHA256", secret, request.body());
        if (!Signatures.matches(request.header(SIGNATURE_HEADER), "sha256=", false, expected)) {
            throw WebhookRejectedException.unauthorized(SIGNATURE_HEADER + " is missing or does not match");
        }
        JsonFields.requireJson(request);
    }

    @Override
    public SurveyResponse parse(WebhookRequest request) {
        JsonNode body = JsonFields.parseObject(json, request);
        String event = JsonFields.scalar(body.get("event_type"));
        boolean partial = PARTIAL.equals(event);
        if (!COMPLETE.equals(event) && !partial) {
            return null;
        }
        JsonNode response = body.get("form_response");
        if (response == null || !response.isObject()) {
            throw WebhookRejectedException.badRequest("field 'form_response' must be an object");
        }
        JsonNode answers = response.get("answers");
        List<JsonNode> list = new ArrayList<>();
        if (answers != null && answers.isArray()) {
            answers.forEach(a -> {
                if (a.isObject()) {
                    list.add(a);
                }
            });
        }
        JsonNode scoreAnswer = scoreAnswer(list);
        if (scoreAnswer == null) {
            if (partial) {
                // the respondent has not reached the NPS question yet: nothing to store
                return null;
            }
            throw WebhookRejectedException.badRequest("field 'form_response.answers' has no NPS answer (an answer of type "
                    + "number to a field of type nps, or to a field with ref 'nps' or 'score')");
        }
        JsonNode hidden = response.get("hidden");
        String email = answers(list, "email").stream().map(a -> JsonFields.scalar(a.get("email")))
                .filter(e -> e != null).findFirst().orElse(JsonFields.firstScalar(hidden, "email"));
        return new SurveyResponse(name(),
                JsonFields.requiredId(response.has("token") ? response.get("token") : response.get("response_id"),
                        "form_response.token", 200),
                JsonFields.score(scoreAnswer.get("number"), "form_response.answers[" + label(scoreAnswer) + "].number", true),
                comment(list),
                email,
                JsonFields.firstScalar(hidden, "account_id", "accountid", "accountId"),
                JsonFields.lenientInstant(response.get("submitted_at")),
                request.bodyText());
    }

    /** The NPS answer: a field of type nps, else one whose ref says so, else the only number answer. */
    private static JsonNode scoreAnswer(List<JsonNode> answers) {
        List<JsonNode> numbers = answers(answers, "number");
        for (JsonNode a : numbers) {
            if ("nps".equals(fieldAttr(a, "type"))) {
                return a;
            }
        }
        for (JsonNode a : numbers) {
            String ref = fieldAttr(a, "ref");
            if (ref != null && SCORE_REFS.contains(ref.toLowerCase(Locale.ROOT))) {
                return a;
            }
        }
        return numbers.size() == 1 ? numbers.get(0) : null;
    }

    /** The free-text reason: a long-text answer, else a text answer whose ref names it a comment. */
    private static String comment(List<JsonNode> answers) {
        List<JsonNode> texts = answers(answers, "text");
        for (JsonNode a : texts) {
            if ("long_text".equals(fieldAttr(a, "type")) && JsonFields.scalar(a.get("text")) != null) {
                return JsonFields.scalar(a.get("text"));
            }
        }
        for (JsonNode a : texts) {
            String ref = fieldAttr(a, "ref");
            if (ref != null && COMMENT_REFS.contains(ref.toLowerCase(Locale.ROOT))) {
                return JsonFields.scalar(a.get("text"));
            }
        }
        return null;
    }

    private static List<JsonNode> answers(List<JsonNode> answers, String type) {
        return answers.stream().filter(a -> type.equals(JsonFields.scalar(a.get("type")))).toList();
    }

    private static String fieldAttr(JsonNode answer, String attr) {
        return JsonFields.firstScalar(answer.get("field"), attr);
    }

    private static String label(JsonNode answer) {
        String ref = fieldAttr(answer, "ref");
        return ref != null && ref.length() <= 64 ? ref : "type=number";
    }
}
