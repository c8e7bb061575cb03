package com.referralloop.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import de.bwaldvogel.mongo.MongoServer;
import java.nio.file.Path;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** On the embedded store a lease (j: false) is acknowledged without its own commit; every other write commits. */
class LeaseWriteConcernTest {

    @Test
    void aLeaseSkipsTheCommitAndTheNextWriteMakesItDurable(@TempDir Path dir) {
        DurableH2Backend backend = new DurableH2Backend(dir.resolve("store.mv").toString());
        MongoServer server = new MongoServer(backend);
        EmbeddedStore store = new EmbeddedStore(server, backend, null);
        try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + server.bind().getPort())) {
            MongoCollection<Document> outbox = client.getDatabase("referral").getCollection("outbox");
            outbox.insertOne(new Document("_id", "m-1").append("readyKey", "k-1"));
            long afterInsert = backend.commits();
            assertThat(afterInsert).isPositive();

            // WHEN a worker claims the message with the store's lease write concern
            Document claimed = outbox.withWriteConcern(store.leaseWriteConcern()).findOneAndUpdate(Filters.eq("readyKey", "k-1"),
                    Updates.combine(Updates.set("leaseOwner", "w-1"), Updates.unset("readyKey")),
                    new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER));

            // THEN it is claimed, with no commit of its own
            assertThat(claimed).containsEntry("leaseOwner", "w-1");
            assertThat(backend.commits()).isEqualTo(afterInsert);
            // AND the "sent" mark, a normal write, commits (and with it the lease)
            outbox.updateOne(Filters.eq("_id", "m-1"), Updates.set("state", "SENT"));
            assertThat(backend.commits()).isEqualTo(afterInsert + 1);
        } finally {
            store.close();
        }
    }

    @Test
    void anExternalMongoDbKeepsTheConnectionsWriteConcern() {
        assertThat(EmbeddedStore.none().leaseWriteConcern()).isNull();
    }
}
