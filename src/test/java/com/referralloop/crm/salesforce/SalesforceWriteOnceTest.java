package com.referralloop.crm.salesforce;

import static org.assertj.core.api.Assertions.assertThat;

import com.referralloop.audit.AuditEntry;
import com.referralloop.chat.ChatUser;
import com.referralloop.chat.Platform;
import com.referralloop.chat.outbox.OutboxMessage;
import com.referralloop.chat.outbox.OutboxState;
import com.referralloop.command.ChatCommand;
import com.referralloop.command.CommandRouter;
import com.referralloop.crm.CrmNote;
import com.referralloop.followup.FollowUp;
import com.referralloop.followup.FollowUpOutcome;
import com.referralloop.followup.FollowUpService;
import com.referralloop.referral.ProgramFixture;
import com.referralloop.referral.Referral;
import com.referralloop.support.Http;
import com.referralloop.support.IntegrationTest;
import com.referralloop.support.OutboxCopies;
import com.referralloop.privacy.PrivacyService;
import com.referralloop.retention.RetentionJob;
import com.referralloop.support.SurveyAnswers;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Salesforce writes once per fact, even when its answer is lost after it made the record (the outbox tries
 * again): a Lead is upserted by its key, a Task looked up by its key first. An erase deletes the Tasks of the
 * contact's follow-ups and removes them from the Leads of the people they referred (found by the same key).
 * Against a local Salesforce answering in its documented shapes.
 */
@IntegrationTest
class SalesforceWriteOnceTest {

    static final SalesforceStub SALESFORCE = new SalesforceStub();
    static final String REP = "005S00000000000002";
    static final String WAYNE = "001W00000000000001";
    static final String BRUCE = "bruce@wayne.com";
    static final String ALFRED = "alfred@wayne.com";
    static final String LEADS = "/services/data/" + SalesforceStub.VERSION + "/sobjects/Lead/";
    static final String TASKS = "/services/data/" + SalesforceStub.VERSION + "/sobjects/Task";

    static {
        SALESFORCE.deployPackage();
        SALESFORCE.user(REP, "rep@vendor.com", null);
    }

    @DynamicPropertySource
    static void salesforce(DynamicPropertyRegistry r) {
        SALESFORCE.connect(r);
    }

    @AfterAll
    static void stop() {
        SALESFORCE.close();
    }

    @LocalServerPort
    int port;
    @Autowired
    CommandRouter router;
    @Autowired
    MongoTemplate mongo;
    @Autowired
    FollowUpService followUps;
    @Autowired
    RetentionJob retention;

    Http http;

    /** Wayne with Bruce and Alfred, in Salesforce and imported into the bot (the sync marks stay untouched). */
    @BeforeEach
    void wayne() {
        ProgramFixture.clean(mongo);
        SALESFORCE.leads.clear();
        SALESFORCE.tasks.clear();
        SALESFORCE.calls.clear();
        SALESFORCE.lostAnswers.clear();
        http = new Http(port);
        SALESFORCE.account(WAYNE, "Wayne", REP, Instant.parse("2026-11-01T00:00:00Z"), Map.of());
        SALESFORCE.contact("003W00000000000001", WAYNE, BRUCE, "Bruce", "Wayne", Instant.parse("2026-11-01T00:00:00Z"), Map.of());
        SALESFORCE.contact("003W00000000000002", WAYNE, ALFRED, "Alfred", "Pennyworth", Instant.parse("2026-11-01T00:00:00Z"), Map.of());
        HttpResponse<String> r = http.post("/api/accounts/import", "text/csv",
                "account_id,account_name,owner_email,contact_email,contact_name\n"
                        + WAYNE + ",Wayne,rep@vendor.com," + BRUCE + ",Bruce Wayne\n"
                        + WAYNE + ",Wayne,rep@vendor.com," + ALFRED + ",Alfred Pennyworth\n", Map.of());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }

    @Test
    void aLeadWhoseAnswerWasLostIsUpsertedByItsKeyAndExistsOnce() {
        // GIVEN Salesforce losing its answer to the next lead upsert, after making the lead
        SALESFORCE.lostAnswers.loseNext("PATCH", LEADS + SalesforceWriter.KEY + "/.*");

        // WHEN the owner logs a referral of Jane
        chat("referral", "log " + BRUCE + " referred=jane@prospect.com company=Prospect");

        // THEN the write was tried again, by the same key both times, and Salesforce holds one lead for it
        Referral referral = mongo.findAll(Referral.class).get(0);
        String key = "lead:" + referral.id();
        await(() -> written("lead:").size() == 1 && written("lead:").get(0).state() == OutboxState.SENT, () -> "writes " + written("lead:"));
        assertThat(SALESFORCE.calls("PATCH", LEADS)).hasSize(2)
                .allSatisfy(c -> assertThat(c.path()).isEqualTo(LEADS + SalesforceWriter.KEY + "/" + key))
                .allSatisfy(c -> assertThat(c.body().has(SalesforceWriter.KEY)).as("the key is in the URL only").isFalse());
        assertThat(SALESFORCE.calls("POST", LEADS)).isEmpty();
        assertThat(SALESFORCE.leads.values()).singleElement().satisfies(l -> assertThat(l.fields())
                .containsEntry(SalesforceWriter.KEY, key).containsEntry("Email", "jane@prospect.com")
                .containsEntry("Referral_Loop_Referred_By__c", BRUCE));
        assertThat(written("lead:").get(0).attempts()).isGreaterThanOrEqualTo(1);
        assertThat(written("lead:").get(0).sentRef()).isEqualTo("salesforce:" + SALESFORCE.leads.keySet().iterator().next());
    }

    @Test
    void aTaskWhoseAnswerWasLostIsFoundByItsKeyOnTheRetryAndExistsOnce() {
        // GIVEN Bruce's follow-up, and Salesforce losing its answer to the next task creation, after making the task
        FollowUp f = followUpOf("t-1", BRUCE);
        SALESFORCE.lostAnswers.loseNext("POST", TASKS);

        // WHEN it is closed
        FollowUp closed = followUps.close(f.id(), FollowUpOutcome.RESOLVED, null, ProgramFixture.OWNER);

        // THEN the retry looked the task up by its key and created none: one completed task on Wayne
        String key = "followup:" + f.id() + "@" + closed.closedAt().toEpochMilli();
        await(() -> written("followup:").size() == 1 && written("followup:").get(0).state() == OutboxState.SENT,
                () -> "writes " + written("followup:"));
        assertThat(SALESFORCE.calls("POST", TASKS)).hasSize(1);
        assertThat(SALESFORCE.calls("GET", "/query")).filteredOn(c -> c.soql() != null && c.soql().contains("FROM Task"))
                .hasSize(2).allSatisfy(c -> assertThat(c.soql())
                        .isEqualTo("SELECT Id FROM Task WHERE " + SalesforceWriter.KEY + " = '" + key + "' ORDER BY SystemModstamp DESC LIMIT 1"));
        assertThat(SALESFORCE.tasks.values()).singleElement().satisfies(t -> assertThat(t.fields())
                .containsEntry(SalesforceWriter.KEY, key).containsEntry("WhatId", WAYNE).containsEntry("Status", "Completed"));
        // AND the bot keeps the task's id for an erase of Bruce
        String taskId = SALESFORCE.tasks.keySet().iterator().next();
        await(() -> mongo.findById("salesforce:" + taskId, CrmNote.class) != null, () -> "crm_notes " + mongo.findAll(CrmNote.class));
        assertThat(mongo.findById("salesforce:" + taskId, CrmNote.class)).satisfies(n -> {
            assertThat(n.contactId()).isEqualTo(BRUCE);
            assertThat(n.followUpId()).isEqualTo(f.id());
            assertThat(n.fact()).isEqualTo(key);
        });
    }

    @Test
    void eraseDeletesTheTasksOfTheContactsFollowUpsAndOneAlreadyDeletedIsNoFailure() {
        // GIVEN two closed follow-ups of Bruce and one of Alfred, each a task on Wayne
        for (String id : List.of("e-1", "e-2")) {
            followUps.close(followUpOf(id, BRUCE).id(), FollowUpOutcome.RESOLVED, null, ProgramFixture.OWNER);
        }
        followUps.close(followUpOf("e-3", ALFRED).id(), FollowUpOutcome.RESOLVED, null, ProgramFixture.OWNER);
        await(() -> mongo.findAll(CrmNote.class).size() == 3, () -> "crm_notes " + mongo.findAll(CrmNote.class));
        List<String> bruceTasks = mongo.findAll(CrmNote.class).stream().filter(n -> BRUCE.equals(n.contactId())).map(CrmNote::crmId).toList();
        assertThat(bruceTasks).hasSize(2);
        // AND a rep already deleted one of them (it sits in the recycle bin)
        SALESFORCE.tasks.get(bruceTasks.get(0)).fields().put("IsDeleted", true);

        // WHEN Bruce is erased
        HttpResponse<String> erased = http.delete("/api/contacts/" + BRUCE, Map.of());
        assertThat(erased.statusCode()).as(erased.body()).isEqualTo(200);

        // THEN each of his tasks got a DELETE (the deleted one answered 404) and Alfred's task stays
        await(() -> SALESFORCE.calls("DELETE", "/sobjects/Task/").size() == 2, () -> "calls " + SALESFORCE.calls);
        assertThat(SALESFORCE.calls("DELETE", "/sobjects/Task/")).extracting(SalesforceStub.Call::path)
                .containsExactlyInAnyOrderElementsOf(bruceTasks.stream().map(id -> TASKS + "/" + id).toList());
        assertThat(SALESFORCE.tasks.values().stream().filter(t -> !t.deleted()).toList()).singleElement()
                .satisfies(t -> assertThat(t.fields().get("Description").toString()).contains("Alfred"));
        // AND the audit says so, the deletions are sent (none dead), and only Alfred's row is left
        AuditEntry audit = mongo.findOne(Query.query(Criteria.where("action").is("ERASE")), AuditEntry.class);
        assertThat(audit.after()).contains("(salesforce: ").contains("; 2 CRM notes queued for deletion");
        await(() -> written("note-delete:").size() == 2 && written("note-delete:").stream().allMatch(m -> m.state() == OutboxState.SENT),
                () -> "deletions " + written("note-delete:"));
        await(() -> mongo.findAll(CrmNote.class).size() == 1, () -> "crm_notes " + mongo.findAll(CrmNote.class));
        assertThat(mongo.findAll(CrmNote.class)).singleElement().satisfies(n -> assertThat(n.contactId()).isEqualTo(ALFRED));
    }

    @Test
    void eraseRemovesTheReferrerFromHerReferredLeadsFoundByKeyCreatesNoneAndDeadLettersAConvertedOne() {
        // GIVEN Bruce referred Jane, Joe and Kim (each a Lead keyed by its referral), Alfred referred Lee
        for (String referred : List.of("jane@prospect.com company=Prospect", "joe@other.com", "kim@third.com")) {
            chat("referral", "log " + BRUCE + " referred=" + referred);
        }
        chat("referral", "log " + ALFRED + " referred=lee@fourth.com");
        await(() -> written("lead:").size() == 4 && written("lead:").stream().allMatch(m -> m.state() == OutboxState.SENT),
                () -> "writes " + written("lead:"));
        StubRecord jane = leadOf("jane@prospect.com");
        assertThat(jane.fields()).containsEntry("Referral_Loop_Referred_By__c", BRUCE)
                .containsEntry("Description", "Referred by " + BRUCE + " (Referral Loop).");
        Map<String, Object> janeBefore = new java.util.HashMap<>(jane.fields());
        // AND a rep converted Joe's lead and deleted Kim's; the lead writes went to the outbox's archive
        SALESFORCE.convertLead("joe@other.com", Instant.now());
        String joe = leadOf("joe@other.com").id();
        SALESFORCE.leads.remove(leadOf("kim@third.com").id());
        assertThat(OutboxCopies.archiveSent(mongo, retention)).isPositive();
        SALESFORCE.calls.clear();

        // WHEN Bruce is erased
        HttpResponse<String> erased = http.delete("/api/contacts/" + BRUCE, Map.of());
        assertThat(erased.statusCode()).as(erased.body()).isEqualTo(200);

        // THEN each of his three leads is looked up by its key; Jane's loses him, the rest of it as it was
        await(() -> written("referrer-erase:").size() == 3 && written("referrer-erase:").stream()
                .allMatch(m -> m.state() != OutboxState.PENDING), () -> "writes " + written("referrer-erase:"));
        List<String> keys = mongo.find(Query.query(Criteria.where("referrerContactId").is(PrivacyService.pseudonym(BRUCE))),
                Referral.class).stream().map(r -> "lead:" + r.id()).toList();
        // (one composite each: the query by key, then the PATCH of the lead it found)
        assertThat(SALESFORCE.calls("POST", "/composite")).filteredOn(c -> c.body().toString().contains("/sobjects/Lead/@{found"))
                .extracting(c -> java.net.URLDecoder.decode(c.body().path("compositeRequest").path(0).path("url").asString()
                        .replaceFirst(".*[?&]q=", ""), java.nio.charset.StandardCharsets.UTF_8))
                .containsExactlyInAnyOrderElementsOf(keys.stream().map(k -> "SELECT Id, IsConverted FROM Lead WHERE "
                        + SalesforceWriter.KEY + " = '" + k + "' ORDER BY SystemModstamp DESC LIMIT 1").toList());
        Map<String, Object> janeExpected = new java.util.HashMap<>(janeBefore);
        janeExpected.put("Referral_Loop_Referred_By__c", null);
        janeExpected.put("Description", "Referred by a customer (Referral Loop).");
        janeExpected.put("SystemModstamp", leadOf("jane@prospect.com").fields().get("SystemModstamp"));
        assertThat(leadOf("jane@prospect.com").fields()).isEqualTo(janeExpected);
        assertThat(leadOf("lee@fourth.com").fields()).containsEntry("Referral_Loop_Referred_By__c", ALFRED);
        // AND no lead was created or upserted: Kim's deleted lead is nothing to clear, her write sent
        assertThat(SALESFORCE.calls("POST", LEADS)).isEmpty();
        assertThat(SALESFORCE.calls("PATCH", LEADS + SalesforceWriter.KEY)).isEmpty();
        assertThat(SALESFORCE.leads.values()).noneMatch(l -> "kim@third.com".equals(l.get("Email")));
        assertThat(written("referrer-erase:")).filteredOn(m -> m.state() == OutboxState.SENT).hasSize(2)
                .extracting(OutboxMessage::sentRef).contains("salesforce:nothing to change");
        // AND Joe's converted lead refused the change: dead-lettered, saying so, and listed as dead
        assertThat(written("referrer-erase:")).filteredOn(m -> m.state() == OutboxState.DEAD).singleElement()
                .satisfies(m -> assertThat(m.lastError()).contains("lead " + joe + " is converted")
                        .contains("CANNOT_UPDATE_CONVERTED_LEAD").contains("by hand"));
        assertThat(http.get("/api/outbox?state=dead").body()).contains("lead " + joe + " is converted");
        // AND the erase counts the three: the answer with the fields' write, the audit in words
        assertThat(erased.body()).contains("\"crmWrites\":4");
        assertThat(mongo.findOne(Query.query(Criteria.where("action").is("ERASE")), AuditEntry.class).after())
                .contains("; 3 referred leads cleared of the referrer (queued)");
        // AND once delivered (or given up) and archived, no outbox row names him, live or archived
        await(() -> mongo.count(Query.query(Criteria.where("state").is(OutboxState.PENDING)), OutboxMessage.class) == 0,
                () -> "pending " + mongo.find(Query.query(Criteria.where("state").is(OutboxState.PENDING)), OutboxMessage.class));
        assertThat(OutboxCopies.archiveSent(mongo, retention)).isPositive();
        await(() -> OutboxCopies.naming(mongo, BRUCE).isEmpty(), () -> "rows naming him " + OutboxCopies.naming(mongo, BRUCE));
        assertThat(OutboxCopies.archivedKeys(mongo)).anyMatch(k -> k.startsWith("crm-write:salesforce:referrer-erase:"))
                .anyMatch(k -> k.startsWith("crm-write:salesforce:lead:"));
    }

    private static StubRecord leadOf(String email) {
        return SALESFORCE.leads.values().stream().filter(l -> email.equals(l.get("Email"))).findFirst().orElseThrow();
    }

    private FollowUp followUpOf(String responseId, String email) {
        SurveyAnswers.post(http, responseId, 10, email, "Great support", Instant.now());
        return SurveyAnswers.awaitFollowUp(mongo, responseId);
    }

    private void chat(String command, String text) {
        ChatUser rep = new ChatUser(Platform.WEB, "rep@vendor.com", "Rita", "rep@vendor.com");
        assertThat(router.handle(new ChatCommand(command, text, rep)).error()).as(text).isFalse();
    }

    /** The Salesforce writes in the outbox whose fact starts so. */
    private List<OutboxMessage> written(String factPrefix) {
        return mongo.find(Query.query(Criteria.where("dedupeKey").regex("^crm-write:salesforce:" + factPrefix)), OutboxMessage.class);
    }

    private static void await(Callable<Boolean> condition, Supplier<String> shown) {
        try {
            Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).until(condition);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("timed out; " + shown.get(), e);
        }
    }
}
