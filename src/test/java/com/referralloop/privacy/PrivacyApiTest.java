package com.referralloop.privacy;

import static com.referralloop.referral.ProgramFixture.OWNER;
import static com.referralloop.referral.ProgramFixture.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.referralloop.account.Contact;
import com.referralloop.audit.AuditEntry;
import com.referralloop.command.CommandRouter;
import com.referralloop.feedback.Feedback;
import com.referralloop.followup.FollowUp;
import com.referralloop.chat.outbox.OutboxMessage.OutboxKind;
import com.referralloop.chat.outbox.OutboxMessage;
import com.referralloop.referral.Consent;
import com.referralloop.referral.ProgramFixture;
import com.referralloop.referral.Referral;
import com.referralloop.referral.ReferralService;
import com.referralloop.support.Http;
import com.referralloop.support.IntegrationTest;
import com.referralloop.support.WebhookSigner;
import com.referralloop.testimonial.Testimonial;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

@IntegrationTest
class PrivacyApiTest {

    @LocalServerPort
    int port;
    @Autowired
    MongoTemplate mongo;
    @Autowired
    CommandRouter router;
    @Autowired
    ReferralService referrals;

    Http http;

    @BeforeEach
    void setUp() {
        ProgramFixture.clean(mongo);
        http = new Http(port);
        ProgramFixture.seed(http);
    }

    private void givenAliceEverywhere() {
        String body = """
                {"responseId":"p-1","source":"nps","score":10,"comment":"Alice loves it","email":"alice@acme.com","respondedAt":"2026-11-25T10:00:00Z"}
                """;
        assertThat(http.post("/webhooks/feedback", "application/json", body, WebhookSigner.headers(body)).statusCode()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(10)).until(() -> mongo.count(new Query(), FollowUp.class) == 1
                && !mongo.findAll(FollowUp.class).get(0).messages().isEmpty());
        assertThat(run(router, OWNER, "referral", "consent alice@acme.com level=active evidence=\"alice's mail\"").error()).isFalse();
        assertThat(run(router, OWNER, "testimonial", "add alice@acme.com \"Alice says hi\"").error()).isFalse();
        assertThat(run(router, OWNER, "referral", "log alice@acme.com referred=\"Zed Zhu\"").error()).isFalse();
        assertThat(run(router, OWNER, "referral", "log bob@acme.com referred=alice@acme.com").error()).isFalse();
        assertThat(run(router, OWNER, "referral", "ask alice@acme.com for=Hooli").error()).isFalse();
    }

    @Test
    void exportReturnsEverythingAboutTheContactAndIsAudited() {
        // GIVEN Alice answered a survey, consented, gave a quote, referred someone and was asked
        givenAliceEverywhere();

        // WHEN her data is exported
        HttpResponse<String> r = http.get("/api/contacts/Alice@Acme.com/export");

        // THEN every part is in the JSON and the export is audited
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("\"contact\"").contains("Alice Smith").contains("Alice loves it")
                .contains("\"consents\"").contains("alice's mail").contains("Alice says hi").contains("Zed Zhu")
                .contains("\"referralsAsReferred\"").contains("Hooli").contains("CONSENT_RECORDED");
        assertThat(mongo.count(Query.query(Criteria.where("action").is("EXPORT")), AuditEntry.class)).isEqualTo(1);
        assertThat(http.get("/api/contacts/nobody@nowhere.com/export").statusCode()).isEqualTo(404);
    }

    @Test
    void eraseRemovesPersonalDataButKeepsAnonymousCounts() throws Exception {
        givenAliceEverywhere();

        // WHEN her data is erased
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/api/contacts/alice@acme.com")).DELETE().build(),
                HttpResponse.BodyHandlers.ofString());

        // THEN no trace of her name, email, comment or quote remains; scores and counts do
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        String pseudonym = PrivacyService.pseudonym("alice@acme.com");
        assertThat(r.body()).contains(pseudonym);
        assertThat(mongo.findById("alice@acme.com", Contact.class)).isNull();
        Feedback fb = mongo.findAll(Feedback.class).get(0);
        assertThat(fb.email()).isNull();
        assertThat(fb.comment()).isNull();
        assertThat(fb.raw()).isNull();
        assertThat(fb.score()).isEqualTo(10);
        FollowUp f = mongo.findAll(FollowUp.class).get(0);
        assertThat(f.respondentName()).isNull();
        assertThat(f.respondentEmail()).isNull();
        assertThat(f.comment()).isNull();
        assertThat(f.score()).isEqualTo(10);
        assertThat(f.events()).extracting(e -> e.type()).contains("ERASED");
        // the chat copy of the follow-up is updated with a rendering that no longer names her
        await().atMost(Duration.ofSeconds(10)).until(() -> mongo.findAll(OutboxMessage.class).stream()
                .anyMatch(m -> m.kind() == OutboxKind.UPDATE));
        assertThat(mongo.findAll(OutboxMessage.class)).allSatisfy(m -> assertThat(m.message().plainText())
                .doesNotContain("Alice").doesNotContain("alice@acme.com").doesNotContain("loves it"));
        // nor any stored field of an outbox row, live or archived (the text, its title, the addresses it showed)
        for (String collection : java.util.List.of("outbox", "outbox_sent")) {
            assertThat(mongo.findAll(org.bson.Document.class, collection)).as(collection)
                    .allSatisfy(d -> assertThat(d.toJson()).doesNotContainIgnoringCase("alice@acme.com"));
        }
        Testimonial t = mongo.findAll(Testimonial.class).get(0);
        assertThat(t.quote()).isEqualTo("[erased]");
        assertThat(t.contactId()).isEqualTo(pseudonym);
        assertThat(referrals.summary(pseudonym).all()).isEqualTo(1);
        assertThat(mongo.find(Query.query(Criteria.where("referredEmail").is("alice@acme.com")), Referral.class)).isEmpty();
        assertThat(mongo.find(Query.query(Criteria.where("contactId").is(pseudonym)), Consent.class)).hasSize(1)
                .allMatch(c -> c.evidence() == null);
        assertThat(mongo.find(Query.query(Criteria.where("subject").is("alice@acme.com")), AuditEntry.class)).isEmpty();
        AuditEntry erase = mongo.findOne(Query.query(Criteria.where("action").is("ERASE")), AuditEntry.class);
        assertThat(erase.subject()).isEqualTo(pseudonym);
        assertThat(erase.by()).as("audited with the caller").isEqualTo("api:local trial from 127.0.0.1");
        // AND with no CRM connected nothing is queued for one, and the audit says so
        assertThat(erase.after()).contains("no CRM configured");
        assertThat(r.body()).contains("\"crmWrites\":0");
        assertThat(mongo.find(Query.query(Criteria.where("target.platform").is("CRM_SYNC")), OutboxMessage.class)).isEmpty();
        String everything = http.get("/api/contacts/alice@acme.com/export").body();
        assertThat(everything).doesNotContain("Alice");
    }
}
