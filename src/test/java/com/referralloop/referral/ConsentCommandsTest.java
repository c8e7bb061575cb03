package com.referralloop.referral;

import static com.referralloop.referral.ProgramFixture.ADMIN;
import static com.referralloop.referral.ProgramFixture.OTHER_REP;
import static com.referralloop.referral.ProgramFixture.OWNER;
import static com.referralloop.referral.ProgramFixture.STRANGER;
import static com.referralloop.referral.ProgramFixture.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.referralloop.audit.AuditEntry;
import com.referralloop.command.ChatReply;
import com.referralloop.command.CommandRouter;
import com.referralloop.support.Http;
import com.referralloop.support.IntegrationTest;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;

@IntegrationTest
class ConsentCommandsTest {

    @LocalServerPort
    int port;
    @Autowired
    MongoTemplate mongo;
    @Autowired
    CommandRouter router;
    @Autowired
    ConsentService consents;

    @BeforeEach
    void setUp() {
        ProgramFixture.clean(mongo);
        ProgramFixture.seed(new Http(port));
    }

    @Test
    void ownerRecordsConsentAsANewLedgerEntryAndTheLatestCounts() {
        // GIVEN Acme's owner records active consent, then changes it to passive for logos only
        ChatReply first = run(router, OWNER, "referral", "consent alice@acme.com level=active expires=2099-06-30 evidence=\"mail of 3 Nov\"");
        ChatReply second = run(router, OWNER, "referral", "consent ALICE@acme.com level=passive scope=logo");

        // THEN both entries stay in the ledger and the latest one is the consent
        assertThat(first.error()).as(first.text()).isFalse();
        assertThat(first.text()).contains("active (logo, quote, call) until 2099-06-30");
        assertThat(second.text()).contains("passive (logo)").contains("no evidence given");
        assertThat(consents.history("alice@acme.com")).hasSize(2);
        assertThat(consents.describe("alice@acme.com")).isEqualTo("passive (logo)");
        List<AuditEntry> audit = mongo.findAll(AuditEntry.class);
        assertThat(audit).extracting(AuditEntry::action).containsExactly("CONSENT_RECORDED", "CONSENT_RECORDED");
        assertThat(audit.get(1).before()).startsWith("active");
        assertThat(audit.get(1).after()).isEqualTo("passive (logo)");
    }

    @Test
    void contactCanBeNamedByChatMentionAndAdminMayRecord() {
        ChatReply reply = run(router, ADMIN, "referral", "consent <@U0ALICE|alice> level=marketing scope=quote,review");
        assertThat(reply.error()).as(reply.text()).isFalse();
        assertThat(consents.describe("alice@acme.com")).isEqualTo("marketing (quote, review-site)");
        ChatReply escaped = run(router, ADMIN, "referral", "consent <mailto:Bob@Acme.com|Bob@Acme.com> level=passive");
        assertThat(escaped.text()).contains("Recorded consent for bob@acme.com");
    }

    @Test
    void mistakesAreNamedWithUsage() {
        ChatReply badLevel = run(router, OWNER, "referral", "consent alice@acme.com level=friendly");
        ChatReply badScope = run(router, OWNER, "referral", "consent alice@acme.com level=active scope=billboard");
        ChatReply past = run(router, OWNER, "referral", "consent alice@acme.com level=active expires=2001-01-01");
        ChatReply unknown = run(router, OWNER, "referral", "consent nobody@acme.com level=active");

        assertThat(badLevel.error()).isTrue();
        assertThat(badLevel.text()).contains("level must be one of passive|active|marketing|sales").contains("Usage: /referral consent");
        assertThat(badScope.text()).contains("unknown scope 'billboard'");
        assertThat(past.text()).contains("in the past");
        assertThat(unknown.text()).contains("no contact 'nobody@acme.com'");
        assertThat(consents.history("alice@acme.com")).isEmpty();
    }

    @Test
    void onlyOwnerOrAdminMayRecordOrWithdraw() {
        ChatReply otherRep = run(router, OTHER_REP, "referral", "consent alice@acme.com level=active");
        ChatReply stranger = run(router, STRANGER, "referral", "withdraw alice@acme.com");

        assertThat(otherRep.error()).isTrue();
        assertThat(otherRep.text()).contains("Only the owner of Acme or a referral-program admin");
        assertThat(stranger.text()).contains("Only the owner of Acme");
        assertThat(consents.history("alice@acme.com")).isEmpty();
    }

    @Test
    void withdrawalIsANewEntryAndMakesConsentNone() {
        run(router, OWNER, "referral", "consent alice@acme.com level=active");
        ChatReply w = run(router, OWNER, "referral", "withdraw alice@acme.com reason=\"left the company\"");
        ChatReply again = run(router, OWNER, "referral", "withdraw alice@acme.com");

        assertThat(w.error()).as(w.text()).isFalse();
        assertThat(consents.live("alice@acme.com")).isEmpty();
        assertThat(consents.describe("alice@acme.com")).startsWith("none (withdrawn ");
        assertThat(consents.history("alice@acme.com")).hasSize(2);
        assertThat(again.error()).isTrue();
        assertThat(again.text()).contains("no consent on record");
        ChatReply noContact = run(router, OWNER, "referral", "withdraw");
        ChatReply badOption = run(router, OWNER, "referral", "withdraw alice@acme.com because=x");
        assertThat(noContact.text()).contains("missing the contact").contains("Usage: /referral withdraw");
        assertThat(badOption.text()).contains("unknown option because=; allowed: reason=");
    }
}
