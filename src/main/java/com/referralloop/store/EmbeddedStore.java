package com.referralloop.store;

import java.nio.file.Path;

import com.mongodb.WriteConcern;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;

/** The running embedded server, if any; closing it flushes the H2 file. */
public final class EmbeddedStore implements AutoCloseable {

    private final MongoServer server;
    private final H2Backend backend;
    private final String connectionString;
    /** The file rewritten without its dead chunks after a clean close; null: none (in memory, or turned off). */
    private final Path compactOnClose;

    EmbeddedStore(MongoServer server, H2Backend backend, String connectionString) {
        this(server, backend, connectionString, null);
    }

    EmbeddedStore(MongoServer server, H2Backend backend, String connectionString, Path compactOnClose) {
        this.server = server;
        this.backend = backend;
        this.connectionString = connectionString;
        this.compactOnClose = compactOnClose;
    }

    static EmbeddedStore none() {
        return new EmbeddedStore(null, null, null);
    }

    /**
     * How many aggregations the embedded store in this JVM answered from index entries alone, per index, since
     * start (docs/operations.md "How the embedded store uses its indexes").
     */
    public static java.util.Map<String, Long> coveredReadsByIndex() {
        java.util.Map<String, Long> out = new java.util.TreeMap<>();
        CoveredRead.SERVED.forEach((index, n) -> out.put(index, n.sum()));
        return out;
    }

    public boolean running() {
        return server != null;
    }

    /**
     * The write concern for leases (a worker's claim on an outbox message), or null for the connection's
     * own. A lease only stops others from taking the message while its holder lives. The embedded store
     * lives and dies with the process that holds the lease, so a lease that is lost in a crash goes with its
     * holder and the message is simply claimed again at restart: it need not wait for the file commit (the
     * next commit makes it durable anyway). On an external MongoDB a second instance outlives the first, so
     * the connection's write concern applies.
     */
    public WriteConcern leaseWriteConcern() {
        return running() ? WriteConcern.W1.withJournal(false) : null;
    }

    /**
     * The write concern for a write that the same thread follows with a write of the connection's own
     * concern, or null for the connection's own. The embedded store's commits are snapshots of everything
     * applied before them, so the second write's commit makes the first durable too, and the first need not
     * wait for a commit of its own (one commit wait instead of two). External MongoDB keeps the connection's
     * concern for both.
     */
    public WriteConcern coveredWriteConcern() {
        return running() ? WriteConcern.W1.withJournal(false) : null;
    }

    String connectionString() {
        return connectionString;
    }

    /** Stops accepting connections but keeps the data: used to simulate an outage in tests. */
    public void stopListening() {
        if (server != null) {
            server.stopListening();
        }
    }

    @Override
    public void close() {
        if (server != null) {
            server.shutdownNow();
        }
        if (backend != null) {
            backend.close();
        }
        if (compactOnClose != null) {
            StoreCompaction.compact(compactOnClose);
        }
    }
}
