package com.referralloop.account;

import static org.assertj.core.api.Assertions.assertThat;

import com.referralloop.account.AccountInput.OwnerInput;
import com.referralloop.support.DocumentsReturned;
import com.referralloop.support.IntegrationTest;
import com.referralloop.support.Stores;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
    void everyIndexIsListedInTheOperationsDocAndCreatedAtStartUp() throws Exception {
        // GIVEN the index table of docs/operations.md ("| `collection` | `name` | keys | serves |")
        Set<String> documented = new TreeSet<>();
        Pattern row = Pattern.compile("^\\| `([a-z_]+)` \\| `([A-Za-z_]+)` \\|");
        String doc = Files.readString(Path.of("docs/operations.md"));
        String table = doc.substring(doc.indexOf("## Indexes"), doc.indexOf("\n## ", doc.indexOf("## Indexes") + 1));
        table.lines().map(row::matcher).filter(Matcher::find).forEach(m -> documented.add(m.group(1) + "." + m.group(2)));
        assertThat(documented).as("rows read from the table").hasSizeGreaterThan(70);
        // WHEN the indexes of every collection are listed through the driver after start-up
        Set<String> created = new TreeSet<>();
        for (String collection : mongo.getCollectionNames()) {
            indexNames(collection).stream().filter(n -> !n.equals("_id_")).forEach(n -> created.add(collection + "." + n));
        }
        // THEN each documented index exists, and each existing one is documented
        assertThat(created).as("created at start-up").containsAll(documented);
        assertThat(documented).as("listed in docs/operations.md").containsAll(created);
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
