package com.referralloop.audit;

import com.referralloop.chat.ChatUser;
import java.time.Clock;
import java.util.List;
import org.bson.types.ObjectId;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

/** Append-only audit trail of consent, rating, override, export and erase operations. */
@Service
public class AuditLog {

    private final MongoTemplate mongo;
    private final Clock clock;

    public AuditLog(MongoTemplate mongo, Clock clock) {
        this.mongo = mongo;
        this.clock = clock;
    }

    public AuditEntry record(String action, String subject, ChatUser by, String before, String after) {
        return record(action, subject, who(by), before, after);
    }

    public AuditEntry record(String action, String subject, String by, String before, String after) {
        AuditEntry e = new AuditEntry(new ObjectId().toHexString(), action, subject, by, clock.instant(), before, after);
        return mongo.insert(e);
    }

    public List<AuditEntry> about(String subject) {
        return mongo.find(Query.query(Criteria.where("subject").is(subject)).with(Sort.by("at", "_id")), AuditEntry.class);
    }

    /** Replaces a subject (an erased contact's email) with its pseudonym in earlier entries. */
    public long pseudonymise(String subject, String pseudonym) {
        return mongo.updateMulti(Query.query(Criteria.where("subject").is(subject)),
                new Update().set("subject", pseudonym), AuditEntry.class).getModifiedCount();
    }

    /** How an actor is written in the audit: platform, id and, when known, email. */
    public static String who(ChatUser u) {
        if (u == null) {
            return "system";
        }
        return u.platform().name().toLowerCase() + ":" + u.id() + (u.email() == null ? "" : " <" + u.email() + ">");
    }
}
