package com.referralloop.account;

import static org.assertj.core.api.Assertions.assertThat;

import com.referralloop.account.AccountBulkUpserts.ContactOf;
import com.referralloop.account.AccountBulkUpserts.Outcome;
import com.referralloop.account.AccountInput.ContactInput;
import com.referralloop.account.AccountInput.OwnerInput;
import com.referralloop.account.AccountService.Change;
import com.referralloop.support.IntegrationTest;
import com.referralloop.support.Stores;
import java.util.Arrays;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;

/**
 * A page of accounts or contacts at once, on the embedded MongoDB: merged in order the way one at a time
 * merges, one outcome per input, a record the store refuses failing alone.
 */
@IntegrationTest
class AccountBulkUpsertsTest {

    static final OwnerInput REP = new OwnerInput("rep@vendor.com", null, null, null);

    @Autowired
    AccountBulkUpserts bulk;
    @Autowired
    AccountService accounts;
    @Autowired
    MongoTemplate mongo;

    @BeforeEach
    void clear() {
        Stores.clear(mongo);
    }

    @Test
    void aPageOfAccountsMergesInOrderLikeOneAtATimeAndStoresTheSameShape() {
        // GIVEN an account stored one at a time, with an owner's Slack id the CRM does not carry
        accounts.upsert(new AccountInput("A1", "Acme", new OwnerInput("Rep@Vendor.com", "U0REP", null, null), "C0ACME", List.of()));

        // WHEN a page brings it renamed, a new account twice (the second adds a CS channel), a bad one, and the new one unchanged
        List<Outcome> out = bulk.upsertAccounts(List.of(
                new AccountInput("A1", "Acme Renamed", REP, null, List.of()),
                new AccountInput("A2", "Beta", REP, null, List.of()),
                new AccountInput("A2", "Beta", REP, "C0BETA", List.of()),
                new AccountInput("A3", "Gamma", new OwnerInput("not-an-email", null, null, null), null, List.of()),
                new AccountInput("A2", "Beta", REP, null, List.of())));

        // THEN one outcome per input, in order
        assertThat(out).extracting(Outcome::change)
                .containsExactly(Change.UPDATED, Change.CREATED, Change.UPDATED, null, Change.UNCHANGED);
        assertThat(out.get(3).problem()).contains("owner email is not an email address");
        // AND blank values erased nothing, and the later input merged onto the earlier one
        assertThat(accounts.find("A1")).hasValueSatisfying(a -> {
            assertThat(a.name()).isEqualTo("Acme Renamed");
            assertThat(a.owner().slackUserId()).isEqualTo("U0REP");
            assertThat(a.csChannel()).isEqualTo("C0ACME");
        });
        assertThat(accounts.find("A2")).hasValueSatisfying(a -> assertThat(a.csChannel()).isEqualTo("C0BETA"));
        assertThat(accounts.find("A3")).isEmpty();
        // AND the document written in bulk has the fields of one saved one at a time (the type key too)
        assertThat(raw("accounts", "A2").keySet()).isEqualTo(raw("accounts", "A1").keySet()).contains("_class");
    }

    @Test
    void contactsOfUnknownAccountsOrWithBadEmailsAreRefusedAndTheRestStored() {
        accounts.upsert(new AccountInput("A1", "Acme", REP, null, List.of()));

        List<Outcome> out = bulk.upsertContacts(List.of(
                new ContactOf("A1", new ContactInput("Alice@Acme.com", "Alice", "U0ALICE", null, null)),
                new ContactOf("NOPE", new ContactInput("bob@nope.com", "Bob", null, null, null)),
                new ContactOf("A1", new ContactInput("alice@acme.com", null, null, null, "email")),
                new ContactOf("A1", new ContactInput("carol@acme", "Carol", null, null, null))));

        assertThat(out).extracting(Outcome::change).containsExactly(Change.CREATED, null, Change.UPDATED, null);
        assertThat(out.get(1).problem()).isEqualTo("account NOPE is not known (yet)");
        assertThat(out.get(3).problem()).contains("contact email is not an email address");
        assertThat(accounts.contactByEmail("alice@acme.com")).hasValueSatisfying(c -> {
            assertThat(c.name()).isEqualTo("Alice");
            assertThat(c.slackUserId()).isEqualTo("U0ALICE");
            assertThat(c.preferredChannel()).isEqualTo(PreferredChannel.EMAIL);
        });
        assertThat(accounts.contactByEmail("bob@nope.com")).isEmpty();

        // WHEN contacts are removed by email, one of them unknown and one blank THEN the known one goes
        assertThat(bulk.removeContacts(Arrays.asList("ALICE@acme.com", "nobody@acme.com", " ", null))).isEqualTo(1);
        assertThat(accounts.contactByEmail("alice@acme.com")).isEmpty();
    }

    @Test
    void aContactTheStoreRefusesFailsAloneAndItsProblemNamesNoPerson() {
        // GIVEN a unique index on contact names (a MongoDB of one's own may carry such a rule)
        accounts.upsert(new AccountInput("A1", "Acme", REP, null, List.of()));
        String index = mongo.indexOps(Contact.class).createIndex(new Index().on("name", Sort.Direction.ASC).unique()
                .named("test_unique_contact_name"));
        try {
            // WHEN two contacts of one page share a name
            List<Outcome> out = bulk.upsertContacts(List.of(
                    new ContactOf("A1", new ContactInput("alice@acme.com", "Sam Same", null, null, null)),
                    new ContactOf("A1", new ContactInput("bob@acme.com", "Sam Same", null, null, null)),
                    new ContactOf("A1", new ContactInput("carol@acme.com", "Carol", null, null, null))));

            // THEN exactly one of the two is refused, with the store's code and no email or name; the rest is stored
            assertThat(out).filteredOn(o -> o.problem() != null).singleElement().satisfies(o ->
                    assertThat(o.problem()).contains("refused").doesNotContain("acme.com").doesNotContain("Sam Same"));
            assertThat(out.get(2).change()).isEqualTo(Change.CREATED);
            assertThat(mongo.count(new org.springframework.data.mongodb.core.query.Query(), Contact.class)).isEqualTo(2);
        } finally {
            mongo.indexOps(Contact.class).dropIndex(index);
        }
    }

    private Document raw(String collection, String id) {
        return mongo.getCollection(collection).find(new Document("_id", id)).first();
    }
}
