package com.referralloop.bench;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;

/**
 * A standalone MongoDB wire-protocol server (mongo-java-server with its H2 backend, in memory) on a port,
 * so several app JVMs can share one store in the scale benchmark. Usage: {@code MongoWireServer <port>}.
 */
public final class MongoWireServer {

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        MongoServer server = new MongoServer(H2Backend.inMemory());
        server.bind("127.0.0.1", port);
        System.out.println("mongo-java-server (H2, in memory) listening on 127.0.0.1:" + port);
        Runtime.getRuntime().addShutdownHook(new Thread(server::shutdownNow));
        Thread.currentThread().join();
    }
}
