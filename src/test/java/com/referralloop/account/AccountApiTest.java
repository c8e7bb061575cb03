package com.referralloop.account;

import static org.assertj.core.api.Assertions.assertThat;

import com.referralloop.support.Http;
import com.referralloop.support.IntegrationTest;
import com.referralloop.support.Stores;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** Accounts and contacts through the real HTTP API: JSON one or many, and CSV import. */
@IntegrationTest
class AccountApiTest {

    static final String HEADER = "account_id,account_name,owner_email,owner_slack_id,owner_discord_id,manager_email,cs_channel,contact_email,contact_name\n";

    @LocalServerPort
    int port;

    @Autowired
    MongoTemplate mongo;

    @Autowired
    ObjectMapper json;

    Http http;

    @BeforeEach
    void setUp() {
        http = new Http(port);
        Stores.clear(mongo);
    }

    HttpResponse<String> postJson(String body) {
        return http.post("/api/accounts", "application/json", body, Map.of());
    }

    HttpResponse<String> importCsv(String csv) {
        return http.post("/api/accounts/import", "text/csv", csv, Map.of());
    }

    JsonNode body(HttpResponse<String> r) {
        return json.readTree(r.body());
    }

    @Test
    void oneAccountThenManyAreUpsertedAndRepeatingChangesNothing() {
        // GIVEN one account with a contact
        String one = """
                {"id":"A-1","name":"Acme","owner":{"email":"rep@vendor.com"},"contacts":[{"email":"Alice@Acme.com","name":"Alice"}]}""";
        // WHEN it is posted, then posted with another account in an array, then the same array again
        HttpResponse<String> first = postJson(one);
        String many = """
                [{"id":"A-1","name":"Acme","owner":{"email":"rep@vendor.com"}},
                 {"id":"B-2","name":"Beta GmbH","owner":{"email":"sales@vendor.com","slackUserId":"U123"},"csChannel":"C-CS"}]""";
        HttpResponse<String> second = postJson(many);
        HttpResponse<String> again = postJson(many);

        // THEN counts say what happened each time and the records are stored once
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(body(first).at("/accounts/created").asInt()).isEqualTo(1);
        assertThat(body(first).at("/contacts/created").asInt()).isEqualTo(1);
        assertThat(body(second).at("/accounts/created").asInt()).isEqualTo(1);
        assertThat(body(second).at("/accounts/unchanged").asInt()).isEqualTo(1);
        assertThat(body(again).at("/accounts/unchanged").asInt()).isEqualTo(2);
        assertThat(body(again).at("/accounts/created").asInt()).isZero();
        assertThat(body(again).at("/accounts/updated").asInt()).isZero();
        assertThat(mongo.count(new Query(), Account.class)).isEqualTo(2);
        Contact alice = mongo.findById("alice@acme.com", Contact.class);
        assertThat(alice.accountId()).isEqualTo("A-1");
        assertThat(http.get("/api/accounts/B-2").body()).contains("U123").contains("C-CS");
    }

    @Test
    void oneBadAccountInAnArrayRefusesTheWholeRequestNamingIt() {
        String many = """
                [{"id":"A-1","name":"Acme","owner":{"email":"rep@vendor.com"}},
                 {"id":"B-2","name":"Beta","owner":{"email":"not-an-email"}}]""";
        HttpResponse<String> r = postJson(many);
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("account [1]").contains("owner email is not an email address");
        assertThat(mongo.count(new Query(), Account.class)).isZero();
        assertThat(postJson("{\"id\":").statusCode()).isEqualTo(400);
        assertThat(postJson("42").statusCode()).isEqualTo(400);
        assertThat(postJson("{\"name\":\"No id\",\"owner\":{\"email\":\"a@b.co\"}}").body()).contains("id (account_id) is required");
    }

    @Test
    void importingTheSameFileTwiceChangesNothing() {
        // GIVEN a file with two accounts, one of them with two contacts
        String csv = HEADER + """
                A-1,Acme,rep@vendor.com,U1,,boss@vendor.com,C-CS,alice@acme.com,Alice
                A-1,Acme,rep@vendor.com,U1,,boss@vendor.com,C-CS,bob@acme.com,Bob
                B-2,Beta,sales@vendor.com,,D9,,,carol@beta.io,Carol
                """;
        // WHEN it is imported twice
        HttpResponse<String> first = importCsv(csv);
        HttpResponse<String> second = importCsv(csv);

        // THEN the second report shows everything unchanged and the store holds the same records
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(body(first).at("/accounts/created").asInt()).isEqualTo(2);
        assertThat(body(first).at("/contacts/created").asInt()).isEqualTo(3);
        assertThat(second.statusCode()).isEqualTo(200);
        JsonNode r = body(second);
        assertThat(r.at("/rows").asInt()).isEqualTo(3);
        assertThat(r.at("/accounts/created").asInt() + r.at("/accounts/updated").asInt()).isZero();
        assertThat(r.at("/accounts/unchanged").asInt()).isEqualTo(3);
        assertThat(r.at("/contacts/created").asInt() + r.at("/contacts/updated").asInt()).isZero();
        assertThat(r.at("/contacts/unchanged").asInt()).isEqualTo(3);
        assertThat(r.at("/errors").size()).isZero();
        assertThat(mongo.count(new Query(), Account.class)).isEqualTo(2);
        assertThat(mongo.count(new Query(), Contact.class)).isEqualTo(3);
    }

    @Test
    void whenEveryRowIsRejectedTheReportSaysNothingWasKept() {
        HttpResponse<String> r = importCsv(HEADER + """
                B-2,Beta,not-an-email,,,,,bob@beta.io,Bob
                ,NoId,rep@vendor.com,,,,,,
                """);
        JsonNode report = body(r);
        assertThat(report.at("/goodRowsKept").asBoolean()).as(r.body()).isFalse();
        assertThat(report.at("/errors").size()).isEqualTo(2);
    }

    @Test
    void aBadRowIsReportedWithItsNumberAndReasonAndGoodRowsAreKept() {
        // GIVEN rows 2 and 4 are bad (row 1 = first line after the header)
        String csv = HEADER + """
                A-1,Acme,rep@vendor.com,,,,,alice@acme.com,Alice
                B-2,Beta,not-an-email,,,,,bob@beta.io,Bob
                C-3,Gamma,rep@vendor.com,,,,,carol@gamma.io,Carol
                D-4,Delta,rep@vendor.com
                ,NoId,rep@vendor.com,,,,,,
                """;
        HttpResponse<String> r = importCsv(csv);

        // THEN 207 names each bad row and why; the good rows are stored
        assertThat(r.statusCode()).isEqualTo(207);
        JsonNode report = body(r);
        assertThat(report.at("/goodRowsKept").asBoolean()).isTrue();
        assertThat(report.at("/errors").size()).isEqualTo(3);
        assertThat(report.at("/errors/0/row").asInt()).isEqualTo(2);
        assertThat(report.at("/errors/0/reason").asString()).contains("owner email is not an email address");
        assertThat(report.at("/errors/1/row").asInt()).isEqualTo(4);
        assertThat(report.at("/errors/1/reason").asString()).contains("expected 9 columns, found 3");
        assertThat(report.at("/errors/2/row").asInt()).isEqualTo(5);
        assertThat(report.at("/errors/2/reason").asString()).contains("account_id");
        assertThat(report.at("/accounts/created").asInt()).isEqualTo(2);
        assertThat(mongo.findById("A-1", Account.class)).isNotNull();
        assertThat(mongo.findById("C-3", Account.class)).isNotNull();
        assertThat(mongo.findById("B-2", Account.class)).isNull();
    }

    @Test
    void aMissingRequiredHeaderColumnIsRefusedWith400() {
        HttpResponse<String> r = importCsv("account_id,account_name,contact_email\nA-1,Acme,alice@acme.com\n");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("owner_email");
        assertThat(mongo.count(new Query(), Account.class)).isZero();
        assertThat(importCsv("").statusCode()).isEqualTo(400);
    }

    @Test
    void quotedCommasQuotesAndUnicodeNamesSurviveTheImport() {
        String csv = HEADER + """
                A-1,"Acme, Inc.",rep@vendor.com,,,,,zoe@acme.com,"Zoë ""Z"" Ångström"
                A-2,Überkäse GmbH 🧀,rep@vendor.com,,,,,li@example.cn,李雷
                """;
        HttpResponse<String> r = importCsv(csv);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(mongo.findById("A-1", Account.class).name()).isEqualTo("Acme, Inc.");
        assertThat(mongo.findById("zoe@acme.com", Contact.class).name()).isEqualTo("Zoë \"Z\" Ångström");
        assertThat(mongo.findById("A-2", Account.class).name()).isEqualTo("Überkäse GmbH 🧀");
        assertThat(mongo.findById("li@example.cn", Contact.class).name()).isEqualTo("李雷");
        // and the same file again is a no-op, unicode included
        assertThat(body(importCsv(csv)).at("/accounts/unchanged").asInt()).isEqualTo(2);
    }

    @Test
    void theApiAnswersLoopbackWhenNoTokenIsConfigured() {
        // the test client is on 127.0.0.1 and no REFERRAL_API_TOKEN is set in this context
        assertThat(http.get("/api/accounts").statusCode()).isEqualTo(200);
        assertThat(http.get("/api/followups").statusCode()).isEqualTo(200);
    }
}
