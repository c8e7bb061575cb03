package com.referralloop.account;

import static org.assertj.core.api.Assertions.assertThat;

import com.referralloop.account.AccountInput.OwnerInput;
import com.referralloop.support.DocumentsReturned;
import com.referralloop.support.IntegrationTest;
import com.referralloop.support.Stores;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * The indexes declared in code exist after start-up, owner emails are stored lower-case (new writes and,
 * once, stored rows), and an owner lookup returns only the owner's accounts however many are stored.
 */
@IntegrationTest
@Import(DocumentsReturned.Config.class)
class OwnerLookupScaleTest {

    @Autowired
    DocumentsReturned returned;

    @Autowired
    MongoTemplate mongo;

    @Autowired
    AccountService accounts;

    @Autowired
    OwnerEmailMigration migration;

    @BeforeEach
    void clear() {
        Stores.clear(mongo);
    }

    @Test
    void theNamedIndexesAreCreatedAtStartUp() {
        // GIVEN a started application WHEN each collection's indexes are listed through the driver
        Map<String, List<String>> expected = Map.ofEntries(
                Map.entry("accounts", List.of("owner_email", "owner_slack_user_id", "owner_discord_user_id", "account_name")),
                Map.entry("followups", List.of("followup_contact", "followup_created", "followup_source", "sla_check",
                        "followup_untrimmed", "followup_owner_created", "followup_kind_created")),
                Map.entry("feedback", List.of("feedback_responded", "feedback_source")),
                Map.entry("consents", List.of("consent_recorded", "consent_account", "consent_expiry")),
                Map.entry("outbox", List.of("due", "outbox_state_created", "outbox_sent", "outbox_subject", "outbox_mentions",
                        "outbox_created")),
                Map.entry("outbox_sent", List.of("outbox_sent_dedupe_key", "outbox_sent_sent_at", "outbox_sent_created",
                        "outbox_sent_subject", "outbox_sent_mentions")),
                Map.entry("delivered_keys", List.of("delivered_keys_expiry")),
                Map.entry("reviews", List.of("review_next")),
                Map.entry("reference_requests", List.of("request_asked")),
                Map.entry("referrals", List.of("referral_created", "referral_parent", "referral_referred_email")),
                Map.entry("testimonials", List.of("testimonial_created")),
                Map.entry("reference_projects", List.of("projects_strength_created", "projects_valid_strengths")),
                Map.entry("unmatched_replies", List.of("unmatched_at")),
                Map.entry("crm_notes", List.of("crm_notes_contact")));
        // THEN every index named in docs/operations.md is there
        expected.forEach((collection, names) -> assertThat(indexNames(collection)).as(collection).containsAll(names));
    }

    @Test
    void ownerEmailIsStoredLowerCaseAndFoundInAnyCase() {
        // GIVEN an account imported with a mixed-case owner email
        accounts.upsert(new AccountInput(" A-1 ", "Acme", new OwnerInput(" Rep@Vendor.COM ", null, null, null), null, null));
        // THEN it is stored lower-case, and found by an email in another case
        assertThat(accounts.find("A-1").orElseThrow().owner().email()).isEqualTo("rep@vendor.com");
        assertThat(accounts.existsByOwnerEmailLower("REP@vendor.com")).isTrue();
        assertThat(accounts.ownedBy("rep@VENDOR.com")).extracting(Account::id).containsExactly("A-1");
        assertThat(accounts.existsByOwnerEmailLower("other@vendor.com")).isFalse();
        assertThat(accounts.existsByOwnerEmailLower(" ")).isFalse();
    }

    @Test
    void anOwnerLookupReturnsOnlyThatOwnersAccountsHoweverManyAreStored() {
        // GIVEN 2,000 accounts of 1,000 owners, seeded in bulk through the driver
        List<Document> rows = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            rows.add(new Document("_id", "A-" + i).append("name", "Account " + i)
                    .append("owner", new Document("email", "rep" + (i % 1000) + "@vendor.com")));
        }
        mongo.getCollection("accounts").insertMany(rows);
        returned.reset();
        // WHEN one owner is checked and their accounts are read, in another letter case
        boolean owns = accounts.existsByOwnerEmailLower("Rep7@Vendor.com");
        List<Account> owned = accounts.ownedBy("REP7@vendor.com");
        // THEN the store handed back one document for the check and the owner's two for the list, not 2,000
        assertThat(owns).isTrue();
        assertThat(owned).extracting(Account::id).containsExactlyInAnyOrder("A-7", "A-1007");
        assertThat(returned.count()).isEqualTo(3);
    }

    @Test
    void storedMixedCaseEmailsAreLowerCasedOnceAtStartUp() {
        // GIVEN accounts written before emails were lower-cased, and no record of the migration
        mongo.getCollection("accounts").insertMany(List.of(
                new Document("_id", "OLD-1").append("name", "Old").append("owner", new Document("email", "Rep@Vendor.com")
                        .append("slackUserId", "U1")),
                new Document("_id", "OLD-2").append("name", "Older").append("owner", new Document("email", "rep@vendor.com"))));
        // WHEN the start-up migration runs, then runs again
        migration.afterPropertiesSet();
        migration.afterPropertiesSet();
        // THEN the mixed-case email is lower-cased, the rest of the owner kept, and both are found exactly
        assertThat(accounts.find("OLD-1").orElseThrow().owner()).isEqualTo(new Owner("rep@vendor.com", "U1", null, null));
        assertThat(accounts.ownedBy("rep@vendor.com")).extracting(Account::id).containsExactlyInAnyOrder("OLD-1", "OLD-2");
        assertThat(mongo.getCollection(OwnerEmailMigration.COLLECTION).countDocuments(new Document("_id", OwnerEmailMigration.ID)))
                .isEqualTo(1);
    }

    private List<String> indexNames(String collection) {
        return StreamSupport.stream(mongo.getCollection(collection).listIndexes().spliterator(), false)
                .map(d -> d.getString("name")).collect(Collectors.toList());
    }
}
