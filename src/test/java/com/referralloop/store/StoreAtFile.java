package com.referralloop.store;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.wire.bson.BsonDecoder;
import io.netty.buffer.Unpooled;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.bson.conversions.Bson;

/**
 * A store file served by the embedded store's backend on a port, with a driver client: what the index tests
 * open, close and open again. Closing it stops the server and closes the file.
 */
final class StoreAtFile implements AutoCloseable {

    final CompactH2Backend backend;
    final MongoClient client;
    private final MongoServer server;

    StoreAtFile(String file) {
        backend = new CompactH2Backend(file);
        server = new MongoServer(backend);
        client = MongoClients.create("mongodb://127.0.0.1:" + server.bind().getPort());
    }

    MongoCollection<Document> collection(String name) {
        return client.getDatabase("referral").getCollection(name);
    }

    /** The collection as the store holds it, to ask which index it would read. */
    IndexedCollection stored(String name) {
        return (IndexedCollection) backend.resolveDatabase("referral").resolveCollection(name, true);
    }

    /** A filter or stage as the server holds it after decoding it from the wire. */
    static de.bwaldvogel.mongo.bson.Document decoded(Bson bson) {
        RawBsonDocument raw = RawBsonDocument.parse(bson.toBsonDocument().toJson());
        return BsonDecoder.decodeBson(Unpooled.wrappedBuffer(raw.getByteBuffer().asNIO()));
    }

    @Override
    public void close() {
        try {
            client.close();
        } finally {
            new EmbeddedStore(server, backend, null).close();
        }
    }
}
