package com.referralloop.bench;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * Compares the fields (with their value types, nested documents and first array elements included) of documents
 * the app wrote during the measurements with seeded documents of the same kind: a field the app writes that the
 * seed lacks (or stores with another type) would make the app's queries see the seeded data differently.
 * Optional fields the app leaves out when null may differ either way and are named, not failed.
 */
final class SeedShapeCheck {

    private SeedShapeCheck() {
    }

    /** Prints one line per collection; returns how many collections had a field the seed lacks. */
    static int print(MongoDatabase db) {
        // the app-written document (newest first), and a seeded one of the same kind; a follow-up of the same
        // account, as a follow-up copies optional fields (the customer-success channel) from its account
        Map<String, Bson> written = Map.of(
                "feedback", Filters.regex("responseId", "^bench-"),
                "followups", Filters.regex("feedbackId", "^nps\\|bench-"),
                "outbox", Filters.regex("dedupeKey", "^followup:.*:post:"),
                "consents", Filters.eq("evidence", "data-scale-bench"),
                "audit", Filters.and(Filters.eq("action", "CONSENT_RECORDED"), Filters.regex("after", "^active")));
        Map<String, java.util.function.Function<Document, Bson>> seededLike = Map.of(
                "feedback", app -> Filters.regex("responseId", "^r-"),
                "followups", app -> Filters.and(Filters.regex("feedbackId", "\\|r-"), Filters.eq("accountId", app.get("accountId"))),
                "outbox", app -> Filters.eq("dedupeKey", "followup:" + SeedDocuments.followUpId(0) + ":post:SLACK"),
                "consents", app -> Filters.regex("evidence", "^https://crm"),
                "audit", app -> Filters.eq("before", "none"));
        int lacking = 0;
        for (Map.Entry<String, Bson> e : new java.util.TreeMap<>(written).entrySet()) {
            Document app = db.getCollection(e.getKey()).find(e.getValue()).sort(new Document("_id", -1)).first();
            // seeded sent messages are where a running bot keeps them after a few minutes: in the archive
            String seededIn = e.getKey().equals("outbox") ? "outbox_sent" : e.getKey();
            Document seeded = app == null ? null : db.getCollection(seededIn).find(seededLike.get(e.getKey()).apply(app)).first();
            if (app == null || seeded == null) {
                System.out.printf("  shape %-10s: nothing to compare (app-written %s, seeded %s)%n", e.getKey(),
                        app == null ? "none" : "found", seeded == null ? "none" : "found");
                continue;
            }
            Set<String> appFields = fields("", app);
            Set<String> seedFields = fields("", seeded);
            Set<String> missing = new TreeSet<>(appFields);
            missing.removeAll(seedFields);
            Set<String> extra = new TreeSet<>(seedFields);
            extra.removeAll(appFields);
            lacking += missing.isEmpty() ? 0 : 1;
            System.out.printf("  shape %-10s: %s%s%n", e.getKey(), missing.isEmpty() ? "every field the app wrote is in the seed"
                    : "the seed LACKS " + missing, extra.isEmpty() ? "" : "; only in the seeded one (optional): " + extra);
        }
        return lacking;
    }

    private static Set<String> fields(String prefix, Document d) {
        Set<String> out = new TreeSet<>();
        d.forEach((k, v) -> {
            String path = prefix + k;
            out.add(path + ":" + (v == null ? "null" : v.getClass().getSimpleName()));
            if (v instanceof Document nested) {
                out.addAll(fields(path + ".", nested));
            } else if (v instanceof List<?> list && !list.isEmpty() && list.get(0) instanceof Document first) {
                out.addAll(fields(path + "[].", first));
            }
        });
        return out;
    }
}
