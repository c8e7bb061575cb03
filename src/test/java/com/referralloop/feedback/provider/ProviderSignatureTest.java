package com.referralloop.feedback.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.referralloop.feedback.FeedbackProperties;
import com.referralloop.feedback.SurveyProvider;
import com.referralloop.feedback.WebhookRejectedException;
import com.referralloop.feedback.WebhookRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Each provider's signature check against known-answer vectors (RFC 4231 / RFC 2202 test case 2:
 * key "Jefe", message "what do ya want for nothing?"), so the expected values do not come from the
 * code under test.
 */
class ProviderSignatureTest {

    static final String KEY = "Jefe";
    static final String BODY = "what do ya want for nothing?";
    static final String SHA256_HEX = "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843";
    static final String SHA256_BASE64 = "W9zBRr9gdU5qBCQmCJV1x1oAPwidJzmDnexYuWTsOEM=";
    static final String SHA1_HEX = "effcdf6ae5eb2fa2d27416d5f184df9c259a7c79";

    static final ObjectMapper JSON = JsonMapper.builder().build();
    static final Instant NOW = Instant.ofEpochSecond(1_764_064_800L);
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    static FeedbackProperties secrets(String delighted, String typeform, String wootric, String asknicely,
                                      String formbricks) {
        return new FeedbackProperties(null, delighted, typeform, wootric, asknicely, formbricks, Duration.ofMinutes(5),
                false);
    }

    static final FeedbackProperties ALL = secrets(KEY, KEY, KEY, "s3cret-shared", ProviderSigning.FORMBRICKS);
    static final FeedbackProperties NONE = secrets(null, "", " ", null, null);

    static WebhookRequest request(String body, String... headers) {
        Map<String, String> map = new HashMap<>();
        for (int i = 0; i < headers.length; i += 2) {
            map.put(headers[i].toLowerCase(Locale.ROOT), headers[i + 1]);
        }
        return new WebhookRequest(map, body.getBytes(StandardCharsets.UTF_8), "application/json");
    }

    static void accepted(SurveyProvider provider, WebhookRequest request) {
        assertThatCode(() -> provider.verify(request)).doesNotThrowAnyException();
    }

    static void refused(SurveyProvider provider, WebhookRequest request) {
        assertThatThrownBy(() -> provider.verify(request)).isInstanceOfSatisfying(WebhookRejectedException.class,
                e -> assertThat(e.status()).isEqualTo(HttpStatus.UNAUTHORIZED));
    }

    @Nested
    class Delighted {

        final SurveyProvider provider = new DelightedSurveyProvider(ALL, JSON);
        static final String HEADER = "X-Delighted-Webhook-Signature";

        @Test
        void hexHmacSha256OfTheBodyWithThePrefixIsAccepted() {
            accepted(provider, request(BODY, HEADER, "sha256=" + SHA256_HEX));
            accepted(provider, request(BODY, HEADER, "sha256=" + SHA256_HEX.toUpperCase(Locale.ROOT)));
        }

        @Test
        void anythingElseIsRefused() {
            refused(provider, request(BODY));
            refused(provider, request(BODY, HEADER, SHA256_HEX));
            refused(provider, request(BODY, HEADER, "sha256=" + SHA256_BASE64));
            refused(provider, request(BODY, HEADER, "sha1=" + SHA256_HEX));
            refused(provider, request(BODY + " ", HEADER, "sha256=" + SHA256_HEX));
            refused(provider, request(BODY, HEADER, "sha256=" + SHA256_HEX.substring(2)));
            refused(new DelightedSurveyProvider(secrets("Jeff", KEY, KEY, KEY, KEY), JSON),
                    request(BODY, HEADER, "sha256=" + SHA256_HEX));
        }

        @Test
        void unsetSecretRefusesEvenAGoodSignature() {
            assertThatThrownBy(() -> new DelightedSurveyProvider(NONE, JSON).verify(request(BODY, HEADER, "sha256=" + SHA256_HEX)))
                    .isInstanceOf(WebhookRejectedException.class).hasMessageContaining("DELIGHTED_WEBHOOK_SECRET");
        }
    }

    @Nested
    class Typeform {

        final SurveyProvider provider = new TypeformSurveyProvider(ALL, JSON);
        static final String HEADER = "Typeform-Signature";

        @Test
        void base64HmacSha256OfTheBodyWithThePrefixIsAccepted() {
            accepted(provider, request(BODY, HEADER, "sha256=" + SHA256_BASE64));
        }

        @Test
        void anythingElseIsRefused() {
            refused(provider, request(BODY));
            refused(provider, request(BODY, HEADER, "sha256=" + SHA256_HEX));
            refused(provider, request(BODY, HEADER, SHA256_BASE64));
            refused(provider, request(BODY, HEADER, "sha256=not base64!"));
            refused(provider, request(BODY.replace('?', '!'), HEADER, "sha256=" + SHA256_BASE64));
        }

        @Test
        void unsetSecretRefusesEvenAGoodSignature() {
            assertThatThrownBy(() -> new TypeformSurveyProvider(NONE, JSON).verify(request(BODY, HEADER, "sha256=" + SHA256_BASE64)))
                    .isInstanceOf(WebhookRejectedException.class).hasMessageContaining("TYPEFORM_WEBHOOK_SECRET");
        }
    }

    @Nested
    class Wootric {

        final SurveyProvider provider = new WootricSurveyProvider(ALL, JSON);
        static final String HEADER = "X-Wootric-Signature";

        @Test
        void hexHmacSha1OfTheBodyWithThePrefixIsAccepted() {
            accepted(provider, request(BODY, HEADER, "sha1=" + SHA1_HEX));
        }

        @Test
        void formEncodedBodiesAreSignedTheSameWay() {
            WebhookRequest form = new WebhookRequest(Map.of("x-wootric-signature", "sha1=" + SHA1_HEX),
                    BODY.getBytes(StandardCharsets.UTF_8), "application/x-www-form-urlencoded; charset=utf-8");
            accepted(provider, form);
        }

        @Test
        void anythingElseIsRefused() {
            refused(provider, request(BODY));
            refused(provider, request(BODY, HEADER, SHA1_HEX));
            refused(provider, request(BODY, HEADER, "sha256=" + SHA256_HEX));
            refused(provider, request(BODY, HEADER, "sha1=" + SHA256_HEX));
            refused(provider, request(BODY + "&x=1", HEADER, "sha1=" + SHA1_HEX));
        }

        @Test
        void unsetSecretRefusesEvenAGoodSignature() {
            assertThatThrownBy(() -> new WootricSurveyProvider(NONE, JSON).verify(request(BODY, HEADER, "sha1=" + SHA1_HEX)))
                    .isInstanceOf(WebhookRejectedException.class).hasMessageContaining("WOOTRIC_WEBHOOK_SECRET");
        }
    }

    @Nested
    class AskNicely {

        final SurveyProvider provider = new AskNicelySurveyProvider(ALL, JSON);
        static final String HEADER = "X-AskNicely-Secret";

        @Test
        void theSharedSecretInItsHeaderIsAccepted() {
            accepted(provider, request(BODY, HEADER, "s3cret-shared"));
        }

        @Test
        void anythingElseIsRefused() {
            refused(provider, request(BODY));
            refused(provider, request(BODY, HEADER, ""));
            refused(provider, request(BODY, HEADER, "s3cret-share"));
            refused(provider, request(BODY, HEADER, "s3cret-shared-and-more"));
            refused(provider, request(BODY, "Authorization", "Bearer s3cret-shared"));
        }

        @Test
        void unsetSecretRefusesEvenAnEmptyHeader() {
            assertThatThrownBy(() -> new AskNicelySurveyProvider(NONE, JSON).verify(request(BODY, HEADER, "")))
                    .isInstanceOf(WebhookRejectedException.class).hasMessageContaining("ASKNICELY_WEBHOOK_SECRET");
        }
    }

    @Nested
    class Formbricks {

        final SurveyProvider provider = new FormbricksSurveyProvider(ALL, JSON, CLOCK);
        /** base64(HMAC-SHA256(base64decode(secret after whsec_), "msg_1.1764064800." + BODY)), computed outside Java. */
        static final String SIGNATURE = "i/I5RHRHczMVo3JdqtK8XHGvEiNsTkcvJzgz0kMUsU4=";

        WebhookRequest signed(long timestamp, String signature) {
            return request(BODY, "webhook-id", "msg_1", "webhook-timestamp", Long.toString(timestamp),
                    "webhook-signature", signature);
        }

        @Test
        void standardWebhooksSignatureIsAccepted() {
            accepted(provider, signed(NOW.getEpochSecond(), "v1," + SIGNATURE));
            // several signatures during secret rotation: any one matching is enough
            accepted(provider, signed(NOW.getEpochSecond(), "v1,AAAA v1," + SIGNATURE));
        }

        @Test
        void timestampMoreThanFiveMinutesOffEitherWayIsRefused() {
            FormbricksSurveyProvider later = new FormbricksSurveyProvider(ALL, JSON,
                    Clock.fixed(NOW.plusSeconds(301), ZoneOffset.UTC));
            FormbricksSurveyProvider earlier = new FormbricksSurveyProvider(ALL, JSON,
                    Clock.fixed(NOW.minusSeconds(301), ZoneOffset.UTC));
            FormbricksSurveyProvider atTheLimit = new FormbricksSurveyProvider(ALL, JSON,
                    Clock.fixed(NOW.plusSeconds(300), ZoneOffset.UTC));
            refused(later, signed(NOW.getEpochSecond(), "v1," + SIGNATURE));
            refused(earlier, signed(NOW.getEpochSecond(), "v1," + SIGNATURE));
            accepted(atTheLimit, signed(NOW.getEpochSecond(), "v1," + SIGNATURE));
        }

        @Test
        void anythingElseIsRefused() {
            refused(provider, request(BODY));
            refused(provider, signed(NOW.getEpochSecond(), SIGNATURE));
            refused(provider, signed(NOW.getEpochSecond(), "v2," + SIGNATURE));
            refused(provider, signed(NOW.getEpochSecond() + 1, "v1," + SIGNATURE));
            refused(new FormbricksSurveyProvider(secrets(KEY, KEY, KEY, KEY, ProviderSigning.OTHER_FORMBRICKS), JSON, CLOCK),
                    signed(NOW.getEpochSecond(), "v1," + SIGNATURE));
        }

        @Test
        void onlyTheExactUnsignedTestPingPassesWithoutASignature() {
            accepted(provider, request("{\"event\":\"testEndpoint\"}"));
            refused(provider, request("{\"event\":\"testEndpoint\",\"data\":{\"id\":\"r\",\"data\":{\"nps\":9}}}"));
            refused(provider, request("{\"event\":\"responseFinished\"}"));
            refused(new FormbricksSurveyProvider(NONE, JSON, CLOCK), request("{\"event\":\"testEndpoint\"}"));
        }
    }
}
