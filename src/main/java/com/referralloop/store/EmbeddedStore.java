package com.referralloop.store;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;

/** The running embedded server, if any; closing it flushes the H2 file. */
public final class EmbeddedStore implements AutoCloseable {

    private final MongoServer server;
    private final H2Backend backend;
    private final String connectionString;

    EmbeddedStore(MongoServer server, H2Backend backend, String connectionString) {
        this.server = server;
        this.backend = backend;
        this.connectionString = connectionString;
    }

    static EmbeddedStore none() {
        return new EmbeddedStore(null, null, null);
    }

    public boolean running() {
        return server != null;
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
    }
}
