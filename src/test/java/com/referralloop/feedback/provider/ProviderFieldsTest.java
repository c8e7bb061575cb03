package com.referralloop.feedback.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.referralloop.feedback.WebhookRejectedException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.StringNode;

/** How provider payload fields are read: nested form names, scalars only, lenient answer times. */
class ProviderFieldsTest {

    final ObjectMapper json = JsonMapper.builder().build();

    JsonNode form(String body) {
        return FormFields.parse(json, body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void nestedFormNamesBecomeATree() {
        JsonNode node = form("response[score]=9&response[text]=Too%20slow+today&response[end_user_properties][plan]=Pro"
                + "&event_name=created&response%5Bemail%5D=a%40b.co");
        assertThat(node.at("/response/score").asString()).isEqualTo("9");
        assertThat(node.at("/response/text").asString()).isEqualTo("Too slow today");
        assertThat(node.at("/response/end_user_properties/plan").asString()).isEqualTo("Pro");
        assertThat(node.at("/response/email").asString()).isEqualTo("a@b.co");
        assertThat(JsonFields.score(node.at("/response/score"), "response.score", true)).isEqualTo(9);
    }

    @Test
    void operatorLikeFormNamesAreJustKeys() {
        JsonNode node = form("response[$where]=1&response[a.b]=x&response[text][$set]=0");
        assertThat(node.at("/response").has("$where")).isTrue();
        // an object where a scalar is expected is never used
        assertThat(JsonFields.scalar(node.at("/response/text"))).isNull();
    }

    @Test
    void brokenEncodingIsA400() {
        assertThatThrownBy(() -> form("response[score]=%G9")).isInstanceOf(WebhookRejectedException.class)
                .hasMessageContaining("URL encoding");
    }

    @Test
    void answerTimesAreReadInEveryProviderForm() {
        assertThat(JsonFields.lenientInstant(StringNode.valueOf("1774990125"))).isEqualTo(Instant.ofEpochSecond(1774990125L));
        assertThat(JsonFields.lenientInstant(json.getNodeFactory().numberNode(1774990125000L)))
                .isEqualTo(Instant.ofEpochSecond(1774990125L));
        assertThat(JsonFields.lenientInstant(StringNode.valueOf("2016-08-04T13:57:26.558-07:00")))
                .isEqualTo(Instant.parse("2016-08-04T20:57:26.558Z"));
        assertThat(JsonFields.lenientInstant(StringNode.valueOf("2016-08-04 13:57:26 -0700")))
                .isEqualTo(Instant.parse("2016-08-04T20:57:26Z"));
        assertThat(JsonFields.lenientInstant(StringNode.valueOf("2018-01-18T18:17:02Z")))
                .isEqualTo(Instant.parse("2018-01-18T18:17:02Z"));
        assertThat(JsonFields.lenientInstant(StringNode.valueOf("yesterday"))).isNull();
    }

    @Test
    void idsMustBeScalars() {
        assertThatThrownBy(() -> JsonFields.requiredId(json.readTree("{\"$gt\":\"\"}"), "data.id", 200))
                .isInstanceOf(WebhookRejectedException.class).hasMessageContaining("data.id");
        assertThat(JsonFields.requiredId(json.getNodeFactory().numberNode(1128), "response.id", 200)).isEqualTo("1128");
    }
}
