package com.referralloop.store;

import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.message.MongoMessage;
import java.util.Locale;
import java.util.Set;

/**
 * The embedded store's H2 backend, committing the MVStore after every write command before the write is
 * acknowledged. H2's own background commit runs once a second, so a process killed with SIGKILL lost up
 * to a second of acknowledged writes: accepted webhooks, and "sent" marks (messages delivered again).
 * A commit writes to the operating system, so a killed process loses nothing; a power cut still can.
 */
final class DurableH2Backend extends H2Backend {

    private static final Set<String> WRITES = Set.of("insert", "update", "delete", "findandmodify", "createindexes",
            "drop", "dropindexes", "create", "renamecollection", "dropdatabase");

    DurableH2Backend(String file) {
        super(file);
    }

    @Override
    public Document handleMessage(MongoMessage message) {
        Document result = super.handleMessage(message);
        Document command = message.getDocument();
        if (command != null && !command.isEmpty() && WRITES.contains(command.keySet().iterator().next().toLowerCase(Locale.ROOT))) {
            commit();
        }
        return result;
    }
}
