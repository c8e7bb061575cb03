package com.referralloop.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.referralloop.support.Http;
import com.referralloop.support.IntegrationTest;
import com.referralloop.support.WebhookSigner;
import java.net.http.HttpResponse;
import java.util.Map;
import com.referralloop.account.Contact;
import com.referralloop.audit.AuditEntry;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/** With REFERRAL_API_TOKEN set, /api/** needs the bearer token over real HTTP; webhooks keep their own signatures. */
@IntegrationTest
@TestPropertySource(properties = {"referral.api.token=it-token-0123456789", "referral.api.read-token=it-read-0123456789"})
class ApiTokenIntegrationTest {

    static final Map<String, String> FULL = Map.of("Authorization", "Bearer it-token-0123456789");
    static final Map<String, String> READ = Map.of("Authorization", "Bearer it-read-0123456789");

    @LocalServerPort
    int port;
    @Autowired
    MongoTemplate mongo;

    @Test
    void apiNeedsTheRightBearerToken() {
        Http http = new Http(port);
        // GIVEN a token is configured; WHEN /api is called without, with a wrong and with the right token
        HttpResponse<String> none = http.get("/api/followups");
        HttpResponse<String> wrong = http.get("/api/followups", Map.of("Authorization", "Bearer nope"));
        HttpResponse<String> right = http.get("/api/followups", Map.of("Authorization", "Bearer it-token-0123456789"));
        HttpResponse<String> post = http.post("/api/accounts", "application/json",
                "{\"id\":\"A-1\",\"name\":\"Acme\",\"owner\":{\"email\":\"rep@vendor.com\"}}", Map.of());

        // THEN only the right token gets through, and the refusal says what to send
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
        assertThat(none.body()).contains("Authorization: Bearer");
        assertThat(none.body()).doesNotContain("it-token");
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(right.statusCode()).isEqualTo(200);
        assertThat(post.statusCode()).isEqualTo(401);
    }

    @Test
    void webhooksDoNotNeedTheApiToken() {
        Http http = new Http(port);
        String body = "{\"responseId\":\"tok-1\",\"source\":\"nps\",\"score\":8}";
        assertThat(http.post("/webhooks/feedback", "application/json", body, WebhookSigner.headers(body)).statusCode())
                .isEqualTo(202);
    }

    @Test
    void exportAndEraseNeedTheFullTokenEvenFromThisMachineAndAreAuditedWithTheCaller() {
        Http http = new Http(port);
        mongo.remove(new Query(), AuditEntry.class);
        String csv = "account_id,account_name,owner_email,contact_email,contact_name\nA-7,Acme,rep@vendor.com,zoe@acme.com,Zoe\n";
        assertThat(http.post("/api/accounts/import", "text/csv", csv, FULL).statusCode()).isEqualTo(200);

        // WHEN export and erase are tried with no token, a wrong one and the read-only one
        assertThat(http.get("/api/contacts/zoe@acme.com/export").statusCode()).isEqualTo(401);
        assertThat(http.delete("/api/contacts/zoe@acme.com", Map.of("Authorization", "Bearer nope")).statusCode()).isEqualTo(401);
        HttpResponse<String> readExport = http.get("/api/contacts/zoe@acme.com/export", READ);
        HttpResponse<String> readErase = http.delete("/api/contacts/zoe@acme.com", READ);
        HttpResponse<String> readCsv = http.get("/api/referrals.csv", READ);

        // THEN nothing is handed out or erased, and the read token is told which token it takes
        assertThat(readExport.statusCode()).isEqualTo(403);
        assertThat(readExport.body()).contains("needs REFERRAL_API_TOKEN");
        assertThat(readErase.statusCode()).isEqualTo(403);
        assertThat(readCsv.statusCode()).isEqualTo(403);
        assertThat(mongo.exists(Query.query(Criteria.where("_id").is("zoe@acme.com")), Contact.class)).isTrue();
        assertThat(mongo.findAll(AuditEntry.class)).noneMatch(e -> e.action().equals("ERASE") || e.action().equals("EXPORT"));
        // and the read token does read figures
        assertThat(http.get("/api/followups", READ).statusCode()).isEqualTo(200);

        // WHEN the full token exports, takes the CSV and erases
        assertThat(http.get("/api/contacts/zoe@acme.com/export", FULL).statusCode()).isEqualTo(200);
        assertThat(http.get("/api/referrals.csv", FULL).statusCode()).isEqualTo(200);
        assertThat(http.delete("/api/contacts/zoe@acme.com", FULL).statusCode()).isEqualTo(200);

        // THEN each is audited with the caller: the token's scope and the address, never the token
        List<AuditEntry> audit = mongo.findAll(AuditEntry.class);
        assertThat(audit).filteredOn(e -> List.of("EXPORT", "ERASE", "EXPORT_CSV").contains(e.action()))
                .hasSize(3).allSatisfy(e -> assertThat(e.by()).isEqualTo("api:full token from 127.0.0.1"));
        assertThat(audit).noneMatch(e -> String.valueOf(e.by()).contains("it-token"));
        assertThat(mongo.exists(Query.query(Criteria.where("_id").is("zoe@acme.com")), Contact.class)).isFalse();
    }
}
