package com.referralloop.store;

import de.bwaldvogel.mongo.MongoServer;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The embedded store exactly as the app runs it without {@code MONGODB_URI} (mongo-java-server on the bot's
 * {@link DurableH2Backend}, an H2 file), but as its own process on a port, so a benchmark can seed it through
 * the driver and point the app's {@code MONGODB_URI} at it. Usage: {@code EmbeddedStoreServer <port> <file> [seed]}.
 * With {@code -Dreferral.store.stats=true} it prints its command shapes and their time at exit.
 */
public final class EmbeddedStoreServer {

    private EmbeddedStoreServer() {
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        Path file = Path.of(args[1]).toAbsolutePath();
        Files.createDirectories(file.getParent());
        // "seed": H2's own background commit instead of a commit before each acknowledgement, for a bulk load
        // that is stopped cleanly (closing commits) before the store is opened durable for the measurements
        boolean seeding = args.length > 2 && "seed".equals(args[2]);
        CompactH2Backend backend = seeding ? new CompactH2Backend(file.toString()) : new DurableH2Backend(file.toString());
        MongoServer server = new MongoServer(backend);
        server.bind("127.0.0.1", port);
        System.out.println("embedded store (mongo-java-server, " + backend.getClass().getSimpleName() + ") listening on 127.0.0.1:" + port + ", file " + file);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.shutdownNow();
            backend.close();
        }));
        Thread.currentThread().join();
    }
}
