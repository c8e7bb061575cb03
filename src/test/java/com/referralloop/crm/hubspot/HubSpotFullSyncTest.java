package com.referralloop.crm.hubspot;

import static java.util.stream.Collectors.toMap;
import static org.assertj.core.api.Assertions.assertThat;

import com.referralloop.account.Account;
import com.referralloop.account.Contact;
import com.referralloop.crm.SyncAnswer;
import com.referralloop.support.Http;
import com.referralloop.support.IntegrationTest;
import java.time.Instant;
import java.util.ArrayList;
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
 * A first full HubSpot sync at size, through the app ({@code POST /api/crm/sync}) against the HubSpot stub over
 * HTTP: 5,000 companies, each with an owner and three contacts, read page by page along the search cursor and
 * past the search's 10,000-result cap; every record stored, the marks on the newest change, and the next run
 * reading only what changed since.
 */
@IntegrationTest
class HubSpotFullSyncTest {

    static final HubSpotStub HUBSPOT = new HubSpotStub();
    static final int COMPANIES = 5_000;
    static final int CONTACTS = 3;
    static final int OWNERS = 50;
    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @DynamicPropertySource
    static void hubspot(DynamicPropertyRegistry r) {
        HUBSPOT.connect(r);
    }

    @AfterAll
    static void stop() {
        HUBSPOT.close();
    }

    @LocalServerPort
    int port;
    @Autowired
    MongoTemplate mongo;

    @Test
    void aFirstSyncStoresEveryCompanyAndContactAlongTheCursorAndTheNextReadsOnlyTheChanges() {
        // GIVEN 5,000 companies owned by 50 owners, three contacts each; company i and its contacts changed at T0 + i s
        for (int o = 0; o < OWNERS; o++) {
            HUBSPOT.owners.put(ownerId(o), ownerEmail(o));
        }
        Map<String, String> companies = new HashMap<>();
        Map<String, String> contacts = new HashMap<>();
        for (int i = 0; i < COMPANIES; i++) {
            HUBSPOT.company("C" + i, "Company " + i, ownerId(i % OWNERS), T0.plusSeconds(i), Map.of());
            companies.put("C" + i, "Company " + i + " of " + ownerEmail(i % OWNERS));
            for (int k = 0; k < CONTACTS; k++) {
                HUBSPOT.contact("P" + i + "-" + k, email(i, k), "First" + k, "Last" + i, "C" + i, T0.plusSeconds(i), Map.of());
                contacts.put(email(i, k), "C" + i);
            }
        }
        Http http = new Http(port);

        // WHEN the first sync runs
        SyncAnswer first = SyncAnswer.post(http);
        System.out.printf("HubSpotFullSyncTest: first sync of %,d companies in %.1f s%n", COMPANIES, first.seconds());

        // THEN every company is stored with its owner, and every contact with its company
        assertThat(mongo.findAll(Account.class).stream().collect(toMap(Account::id, a -> a.name() + " of " + a.owner().email())))
                .isEqualTo(companies);
        assertThat(mongo.findAll(Contact.class).stream().collect(toMap(Contact::id, Contact::accountId))).isEqualTo(contacts);
        assertThat(first.outcome()).isEqualTo("OK");
        // (the contact on the restart's change time is read twice, and written once)
        assertThat(first.counts()).containsExactly(COMPANIES, COMPANIES, COMPANIES * CONTACTS + 1, COMPANIES * CONTACTS, 0);
        // AND each search asked for the cursor the one before gave: 50 pages of companies; for the 15,000 contacts,
        // 100 pages up to the 10,000-result cap, then from the last change time read (its contact comes again) 51 more
        assertThat(afters(searches("companies"))).isEqualTo(offsets(50));
        List<String> contactAfters = new ArrayList<>(offsets(100));
        contactAfters.addAll(offsets(51));
        assertThat(afters(searches("contacts"))).isEqualTo(contactAfters);
        assertThat(sinces(searches("contacts")).subList(100, 151)).containsOnly(T0.plusSeconds(3_333).toEpochMilli());
        // AND both marks are on the newest change
        assertThat(first.accountsMark()).isEqualTo(T0.plusSeconds(COMPANIES - 1));
        assertThat(first.contactsMark()).isEqualTo(T0.plusSeconds(COMPANIES - 1));

        // WHEN 50 companies and 20 contacts change later, and the next sync runs
        Instant later = T0.plusSeconds(100_000);
        for (int j = 0; j < 50; j++) {
            HUBSPOT.company("C" + j * 100, "Renamed " + j, ownerId(0), later.plusSeconds(j), Map.of());
        }
        for (int j = 0; j < 20; j++) {
            HUBSPOT.contact("P" + j * 100 + "-1", email(j * 100, 1), "Renamed", "Contact", "C" + j * 100, later.plusSeconds(j), Map.of());
        }
        int companySearches = searches("companies").size();
        int contactSearches = searches("contacts").size();
        SyncAnswer next = SyncAnswer.post(http);

        // THEN one search each, from the marks, reads the changes and the records on the marks (reads are "at or
        // after" a mark): company 4,999 and its three contacts, read again and left unchanged
        assertThat(next.counts()).containsExactly(51, 50, 23, 20, 0);
        assertThat(sinces(searches("companies").subList(companySearches, searches("companies").size())))
                .containsExactly(T0.plusSeconds(COMPANIES - 1).toEpochMilli());
        assertThat(sinces(searches("contacts").subList(contactSearches, searches("contacts").size())))
                .containsExactly(T0.plusSeconds(COMPANIES - 1).toEpochMilli());
        assertThat(mongo.findById("C4900", Account.class)).satisfies(a -> assertThat(a.name()).isEqualTo("Renamed 49"));
        assertThat(mongo.findById(email(1900, 1), Contact.class)).satisfies(c -> assertThat(c.name()).isEqualTo("Renamed Contact"));
        assertThat(next.accountsMark()).isEqualTo(later.plusSeconds(49));
        assertThat(next.contactsMark()).isEqualTo(later.plusSeconds(19));
    }

    private static String ownerId(int o) {
        return Integer.toString(100 + o);
    }

    private static String ownerEmail(int o) {
        return "rep" + o + "@vendor.example";
    }

    private static String email(int company, int k) {
        return "person" + k + "@company" + company + ".example";
    }

    /** The sync's searches of companies or contacts (the referral outcomes' search of contacts left out). */
    private static List<HubSpotStub.Call> searches(String object) {
        return HUBSPOT.calls("POST", "/crm/v3/objects/" + object + "/search").stream()
                .filter(c -> !c.body().path("filterGroups").toString().contains("HAS_PROPERTY")).toList();
    }

    private static List<String> afters(List<HubSpotStub.Call> searches) {
        return searches.stream().map(c -> c.body().path("after").asString(null)).toList();
    }

    /** The change time each search reads from (its GTE filter), in epoch ms. */
    private static List<Long> sinces(List<HubSpotStub.Call> searches) {
        return searches.stream().map(c -> Long.parseLong(c.body().path("filterGroups").path(0).path("filters").path(0)
                .path("value").asString())).toList();
    }

    /** The cursors of a search of {@code pages} pages of 100: none, then 100, 200 and on. */
    private static List<String> offsets(int pages) {
        List<String> out = new ArrayList<>();
        for (int p = 0; p < pages; p++) {
            out.add(p == 0 ? null : Integer.toString(p * 100));
        }
        return out;
    }
}
