package com.referralloop.store;

import static org.assertj.core.api.Assertions.assertThat;

import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.ObjectId;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.h2.mvstore.WriteBuffer;
import org.junit.jupiter.api.Test;

/** The compact store format: every value the server keeps reads back equal, and keys have a total order. */
class StoredValuesTest {

    private static final List<Object> VALUES = Arrays.asList(
            null, "", "promoter", "Très bien 👍", 7, 8, 7L, 7.0, -0.5, true, false,
            new ObjectId("6566f0c2a1b2c3d4e5f60718"), new ObjectId("6566f0c2a1b2c3d4e5f60719"),
            Instant.parse("2026-11-25T10:00:00Z"), Instant.parse("2026-11-25T10:00:00.001Z"),
            UUID.fromString("1b4e28ba-2fa1-11d2-883f-0016d3cca427"),
            new Document("email", "alice@acme.example").append("score", 9),
            new Document("email", "alice@acme.example").append("score", 10),
            List.of("q4", "promoter"), List.of("q4"), new ArrayList<>(List.of(1, 2)),
            Missing.getInstance(),
            // not a BSON type: kept Java-serialised, as H2 did
            new Date(1_700_000_000_000L));

    @Test
    void everyValueReadsBackEqual() {
        for (Object value : VALUES) {
            assertThat(roundTrip(value)).as("round trip of %s", value).isEqualTo(value);
        }
    }

    @Test
    void aDocumentKeepsItsFieldOrderAndNestedTypes() {
        Document answer = new Document("_id", "fb-1").append("score", 9).append("weight", 2L).append("ratio", 0.5)
                .append("receivedAt", Instant.parse("2026-11-25T10:00:00Z"))
                .append("owner", new Document("email", "owner@acme.example"))
                .append("transitions", List.of(new Document("from", "OPEN").append("to", "ACKNOWLEDGED")))
                .append("comment", null);
        Document read = (Document) roundTrip(answer);
        assertThat(read).isEqualTo(answer);
        assertThat(new ArrayList<>(read.keySet())).isEqualTo(new ArrayList<>(answer.keySet()));
        assertThat(read.get("score")).isInstanceOf(Integer.class);
        assertThat(read.get("weight")).isInstanceOf(Long.class);
    }

    @Test
    void orderIsConsistentWithEqualsAntisymmetricAndTransitive() {
        for (Object a : VALUES) {
            for (Object b : VALUES) {
                int ab = StoredValues.compare(a, b);
                assertThat(Integer.signum(ab)).as("%s vs %s", a, b).isEqualTo(-Integer.signum(StoredValues.compare(b, a)));
                assertThat(ab == 0).as("%s = %s", a, b).isEqualTo(java.util.Objects.equals(a, b));
                for (Object c : VALUES) {
                    if (ab < 0 && StoredValues.compare(b, c) < 0) {
                        assertThat(StoredValues.compare(a, c)).as("%s < %s < %s", a, b, c).isNegative();
                    }
                }
            }
        }
    }

    @Test
    void indexKeysReadBackEqualAndOrderPartByPart() {
        KeyValue key = new KeyValue("nps-q4", "r-42");
        WriteBuffer out = new WriteBuffer();
        IndexKeyType.INSTANCE.write(out, key);
        ByteBuffer in = out.getBuffer();
        in.flip();
        assertThat(IndexKeyType.INSTANCE.read(in)).isEqualTo(key);
        assertThat(IndexKeyType.INSTANCE.compare(key, new KeyValue("nps-q4", "r-42"))).isZero();
        assertThat(IndexKeyType.INSTANCE.compare(key, new KeyValue("nps-q4", "r-43"))).isNegative();
        assertThat(IndexKeyType.INSTANCE.compare(new KeyValue("nps-q5", "r-1"), key)).isPositive();
        assertThat(IndexKeyType.INSTANCE.compare(new KeyValue("nps-q4"), key)).isNegative();
    }

    private static Object roundTrip(Object value) {
        WriteBuffer out = new WriteBuffer();
        StoredValueType.INSTANCE.write(out, value);
        ByteBuffer in = out.getBuffer();
        in.flip();
        Object read = StoredValueType.INSTANCE.read(in);
        assertThat(in.remaining()).as("bytes left after reading %s", value).isZero();
        return read;
    }
}
