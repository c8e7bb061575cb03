package com.referralloop.crm.salesforce;

import static com.referralloop.crm.salesforce.SalesforceSyncTest.id;
import static java.util.stream.Collectors.toMap;
import static org.assertj.core.api.Assertions.assertThat;

import com.referralloop.account.Account;
import com.referralloop.account.Contact;
import com.referralloop.crm.SyncAnswer;
import com.referralloop.support.Http;
import com.referralloop.support.IntegrationTest;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A first full Salesforce sync at size, through the app ({@code POST /api/crm/sync}) against the Salesforce stub
 * over HTTP: 5,000 accounts, each with an owner (and the owner's manager) and three contacts, read in SOQL batches
 * of 2,000 along {@code nextRecordsUrl}; every record stored, the marks on the newest change, and the next run
 * asking only for what changed since.
 */
@IntegrationTest
class SalesforceFullSyncTest {

    static final SalesforceStub SALESFORCE = new SalesforceStub();
    static final int ACCOUNTS = 5_000;
    static final int CONTACTS = 3;
    static final int OWNERS = 50;
    static final String MANAGER = id("005M", 0);
    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    static {
        SALESFORCE.deployPackage();
        SALESFORCE.user(MANAGER, "boss@vendor.example", null);
        for (int o = 0; o < OWNERS; o++) {
            SALESFORCE.user(id("005R", o), "rep" + o + "@vendor.example", MANAGER);
        }
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
    MongoTemplate mongo;

    @Test
    void aFirstSyncStoresEveryAccountAndContactAlongNextRecordsUrlAndTheNextAsksOnlyForChanges() {
        // GIVEN 5,000 accounts owned by 50 reps of one manager, three contacts each; account i and its contacts
        // changed at T0 + i s
        Map<String, String> accounts = new HashMap<>();
        Map<String, String> contacts = new HashMap<>();
        for (int i = 0; i < ACCOUNTS; i++) {
            SALESFORCE.account(id("001F", i), "Account " + i, id("005R", i % OWNERS), T0.plusSeconds(i), Map.of());
            accounts.put(id("001F", i), "Account " + i + " of rep" + i % OWNERS + "@vendor.example, boss@vendor.example");
            for (int k = 0; k < CONTACTS; k++) {
                SALESFORCE.contact(id("003" + k, i), id("001F", i), email(i, k), "First" + k, "Last" + i, T0.plusSeconds(i), Map.of());
                contacts.put(email(i, k), id("001F", i));
            }
        }
        Http http = new Http(port);

        // WHEN the first sync runs
        SyncAnswer first = SyncAnswer.post(http);
        System.out.printf("SalesforceFullSyncTest: first sync of %,d accounts in %.1f s%n", ACCOUNTS, first.seconds());

        // THEN every account is stored with its owner and the owner's manager, and every contact with its account
        assertThat(mongo.findAll(Account.class).stream().collect(toMap(Account::id,
                a -> a.name() + " of " + a.owner().email() + ", " + a.owner().managerEmail()))).isEqualTo(accounts);
        assertThat(mongo.findAll(Contact.class).stream().collect(toMap(Contact::id, Contact::accountId))).isEqualTo(contacts);
        assertThat(first.outcome()).isEqualTo("OK");
        assertThat(first.counts()).containsExactly(ACCOUNTS, ACCOUNTS, ACCOUNTS * CONTACTS, ACCOUNTS * CONTACTS, 0);
        // AND one query per object, then each nextRecordsUrl in turn: 3 batches of accounts, 8 of contacts
        assertThat(queries("FROM Account")).hasSize(1);
        assertThat(queries("FROM Contact")).hasSize(1);
        // (the stub gives each answer a new locator: each one asked once, the accounts' two pages before the contacts')
        assertThat(nextPageOffsets()).containsExactly(2000, 4000, 2000, 4000, 6000, 8000, 10000, 12000, 14000);
        // AND both marks are on the newest change
        assertThat(first.accountsMark()).isEqualTo(T0.plusSeconds(ACCOUNTS - 1));
        assertThat(first.contactsMark()).isEqualTo(T0.plusSeconds(ACCOUNTS - 1));

        // WHEN 50 accounts and 20 contacts change later, and the next sync runs
        Instant later = T0.plusSeconds(100_000);
        for (int j = 0; j < 50; j++) {
            SALESFORCE.account(id("001F", j * 100), "Renamed " + j, id("005R", 0), later.plusSeconds(j), Map.of());
        }
        for (int j = 0; j < 20; j++) {
            SALESFORCE.contact(id("0031", j * 100), id("001F", j * 100), email(j * 100, 1), "Renamed", "Contact",
                    later.plusSeconds(j), Map.of());
        }
        int pagesBefore = SALESFORCE.calls("GET", "/query/01gSTUB").size();
        SyncAnswer next = SyncAnswer.post(http);

        // THEN each object is asked once, from its mark, for the changes and the records on the mark (reads are
        // "at or after" a mark): account 4,999 and its three contacts, read again and left unchanged
        assertThat(next.counts()).containsExactly(51, 50, 23, 20, 0);
        String mark = "WHERE SystemModstamp >= " + T0.plusSeconds(ACCOUNTS - 1);
        assertThat(queries("FROM Account")).hasSize(2).last().satisfies(q -> assertThat(q.soql()).contains(mark));
        assertThat(queries("FROM Contact")).hasSize(2).last().satisfies(q -> assertThat(q.soql()).contains(mark));
        assertThat(SALESFORCE.calls("GET", "/query/01gSTUB")).hasSize(pagesBefore);
        assertThat(mongo.findById(id("001F", 4900), Account.class)).satisfies(a -> assertThat(a.name()).isEqualTo("Renamed 49"));
        assertThat(mongo.findById(email(1900, 1), Contact.class)).satisfies(c -> assertThat(c.name()).isEqualTo("Renamed Contact"));
        assertThat(next.accountsMark()).isEqualTo(later.plusSeconds(49));
        assertThat(next.contactsMark()).isEqualTo(later.plusSeconds(19));
    }

    private static String email(int account, int k) {
        return "person" + k + "@account" + account + ".example";
    }

    /** The sync's first-page queries of one object (removals, on {@code /queryAll}, left out). */
    private static List<SalesforceStub.Call> queries(String from) {
        return SALESFORCE.calls("GET", "/query").stream()
                .filter(c -> c.path().endsWith("/query") && c.soql() != null && c.soql().contains(from)).toList();
    }

    /** The offset of each nextRecordsUrl page asked, in order; fails when a locator was asked twice. */
    private static List<Integer> nextPageOffsets() {
        List<String> pages = SALESFORCE.calls("GET", "/query/01gSTUB").stream()
                .map(c -> c.path().substring(c.path().lastIndexOf('/') + 1)).toList();
        assertThat(pages).doesNotHaveDuplicates();
        return pages.stream().map(p -> Integer.parseInt(p.substring(p.lastIndexOf('-') + 1))).toList();
    }
}
