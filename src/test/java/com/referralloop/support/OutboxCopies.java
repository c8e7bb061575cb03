package com.referralloop.support;

import com.referralloop.chat.outbox.OutboxMessage;
import com.referralloop.chat.outbox.OutboxState;
import com.referralloop.retention.RetentionJob;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/** The outbox's stored rows, live ({@code outbox}) and archived ({@code outbox_sent}), as an erase must leave them. */
public final class OutboxCopies {

    private OutboxCopies() {
    }

    /** Moves every row sent so far to the archive, as the retention job does once they are past the live window. */
    public static int archiveSent(MongoTemplate mongo, RetentionJob retention) {
        mongo.updateMulti(Query.query(Criteria.where("state").is(OutboxState.SENT)),
                new Update().set("sentAt", Instant.now().minus(Duration.ofHours(1))), OutboxMessage.class);
        return retention.archiveOnce();
    }

    /** Every stored row, live or archived, whose whole document mentions the text (ignoring case), as JSON. */
    public static List<String> naming(MongoTemplate mongo, String text) {
        String wanted = text.toLowerCase(Locale.ROOT);
        return List.of("outbox", "outbox_sent").stream().flatMap(c -> mongo.findAll(Document.class, c).stream())
                .map(Document::toJson).filter(json -> json.toLowerCase(Locale.ROOT).contains(wanted)).toList();
    }

    /** The dedupe keys of the archived rows. */
    public static List<String> archivedKeys(MongoTemplate mongo) {
        return mongo.findAll(Document.class, "outbox_sent").stream().map(d -> d.getString("dedupeKey")).toList();
    }
}
