package com.referralloop.crm.salesforce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.referralloop.crm.CrmException;
import com.referralloop.crm.CrmException.Kind;
import com.referralloop.support.MutableClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import tools.jackson.databind.json.JsonMapper;

/** Salesforce's error lists sorted into what the bot does: log in again, wait, dead-letter; messages name codes only. */
class SalesforceAnswersTest {

    static final JsonMapper JSON = JsonMapper.builder().build();
    final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T10:00:00Z"));
    final SalesforceApiUsage usage = new SalesforceApiUsage(0.95, Duration.ofMinutes(15), clock);
    final SalesforceAnswers answers = new SalesforceAnswers(JSON, usage);

    static byte[] body(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void anExpiredSessionAsksForANewLoginAndALimitWaits() {
        assertThatThrownBy(() -> answers.inspect(401, new HttpHeaders(),
                body("[{\"message\":\"Session expired or invalid\",\"errorCode\":\"INVALID_SESSION_ID\"}]"), "read"))
                .isInstanceOf(SalesforceAnswers.SessionExpired.class);
        assertThatThrownBy(() -> answers.inspect(403, new HttpHeaders(),
                body("[{\"message\":\"TotalRequests Limit exceeded.\",\"errorCode\":\"REQUEST_LIMIT_EXCEEDED\"}]"), "read"))
                .isInstanceOfSatisfying(CrmException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.RATE_LIMITED);
                    assertThat(e.retryAfter()).isEqualTo(Duration.ofHours(1));
                });
        // and from then on calls wait without being sent
        assertThatThrownBy(() -> usage.check("next")).isInstanceOf(CrmException.class);
    }

    @Test
    void aRecordTheUserMayNotTouchIsRejectedNotARefusedSession() {
        assertThatThrownBy(() -> answers.inspect(403, new HttpHeaders(), body(
                "[{\"message\":\"insufficient access rights on object id\",\"errorCode\":\"INSUFFICIENT_ACCESS_OR_READONLY\"}]"),
                "Salesforce account update")).isInstanceOfSatisfying(CrmException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.REJECTED);
                    assertThat(e.getMessage()).contains("403 INSUFFICIENT_ACCESS_OR_READONLY");
                });
        assertThatCode(() -> answers.inspect(400, new HttpHeaders(), body("[]"), "x")).doesNotThrowAnyException();
    }

    @Test
    void messagesNameTheCodeAndFieldsNeverTheMessageText() {
        String detail = answers.detail(body("[{\"message\":\"Email: invalid email address: bruce@wayne\","
                + "\"errorCode\":\"INVALID_EMAIL_ADDRESS\",\"fields\":[\"Email\"]}]"));
        assertThat(detail).isEqualTo("INVALID_EMAIL_ADDRESS Email");
        assertThat(answers.detail(body("<html>proxy error</html>"))).isNull();
        assertThat(answers.detail(body("[{\"errorCode\":\"not a code; DROP\"}]"))).isNull();

        CrmException sub = answers.failure(400, JSON.readTree("[{\"statusCode\":\"ENTITY_IS_DELETED\",\"message\":\"gone\","
                + "\"fields\":[]}]"), "Salesforce contact update (duplicates)");
        assertThat(sub.kind()).isEqualTo(Kind.REJECTED);
        assertThat(sub.getMessage()).contains("400 ENTITY_IS_DELETED").doesNotContain("gone");
        assertThat(answers.failure(503, JSON.readTree("[]"), "x").kind()).isEqualTo(Kind.RATE_LIMITED);
        assertThat(answers.failure(500, JSON.readTree("[]"), "x").kind()).isEqualTo(Kind.FAILED);
    }
}
