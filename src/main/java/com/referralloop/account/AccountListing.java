package com.referralloop.account;

import com.referralloop.support.PageCursor;
import java.util.List;
import java.util.Objects;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/** Accounts a page at a time, and their owners, read without loading every account into the app. */
@Component
public class AccountListing {

    private final MongoTemplate mongo;

    AccountListing(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** Up to {@code count} accounts by id, after the cursor (null: from the first). */
    public List<Account> page(PageCursor after, int count) {
        Query q = after == null ? new Query() : Query.query(after.after(null, Sort.Direction.ASC));
        return mongo.find(q.with(PageCursor.sort(null, Sort.Direction.ASC)).limit(count), Account.class);
    }

    public static PageCursor cursorOf(Account a) {
        return new PageCursor(null, a.id());
    }

    /** The distinct owner emails (stored lower-case), sorted; a distinct over the owner_email index. */
    public List<String> ownerEmails() {
        return mongo.findDistinct(Query.query(Criteria.where("owner.email").gt("")), "owner.email", Account.class,
                String.class).stream().filter(Objects::nonNull).map(String::trim).filter(e -> !e.isEmpty())
                .distinct().sorted().toList();
    }
}
