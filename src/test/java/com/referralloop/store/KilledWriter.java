package com.referralloop.store;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import de.bwaldvogel.mongo.MongoServer;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.bson.Document;

/**
 * Child process for {@link SigkillDurabilityTest}: writes to an embedded store file from several threads,
 * each a marker sent with {@code j: false} followed by an insert and an update with the default concern,
 * prints how many writes were acknowledged, then waits to be killed.
 */
final class KilledWriter {

    public static void main(String[] args) throws Exception {
        String file = args[0];
        int writes = Integer.parseInt(args[1]);
        MongoServer server = new MongoServer(new DurableH2Backend(file));
        InetSocketAddress address = server.bind();
        MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + address.getPort());
        MongoCollection<Document> answers = client.getDatabase("referral").getCollection("answers");
        // as the webhook writes its pending marker: no commit wait of its own, covered by the answer's
        MongoCollection<Document> markers = client.getDatabase("referral").getCollection("markers")
                .withWriteConcern(com.mongodb.WriteConcern.W1.withJournal(false));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<?>> done = new ArrayList<>();
        for (int i = 0; i < writes; i++) {
            int n = i;
            done.add(pool.submit(() -> {
                markers.insertOne(new Document("_id", "a-" + n));
                answers.insertOne(new Document("_id", "a-" + n).append("score", n % 11));
                answers.updateOne(new Document("_id", "a-" + n), new Document("$set", new Document("followUpDone", true)));
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        System.out.println("ACKED " + writes);
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
