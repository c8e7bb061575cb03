package com.referralloop.store;

import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.bson.BsonDecoder;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.ObjectDataType;

/**
 * How the embedded store writes one value (a document, an {@code _id}, an index key part) to its file, and
 * how it orders values in its B-trees. H2's default type Java-serialises every object it does not know,
 * both to write a page and, for keys that are not {@link Comparable} (every unique-index key), to compare
 * two keys: each lookup serialised about 2·log(n) objects. Here values are BSON, as on the wire, and
 * compared without serialising when they are comparable. A value BSON cannot hold is Java-serialised,
 * tagged, so nothing the server stores is refused.
 */
final class StoredValues {

    private static final byte NULL = 0;
    private static final byte STRING = 1;
    private static final byte BSON_VALUE = 2;
    private static final byte BSON_DOCUMENT = 3;
    private static final byte MISSING = 4;
    private static final byte SERIALIZED = 5;

    private StoredValues() {
    }

    static void write(WriteBuffer out, Object value) {
        if (value == null) {
            out.put(NULL);
        } else if (value instanceof String s) {
            out.put(STRING).putVarInt(s.length()).putStringData(s, s.length());
        } else if (value instanceof Missing) {
            out.put(MISSING);
        } else if (!writeBson(out, value)) {
            byte[] bytes = ObjectDataType.serialize(value);
            out.put(SERIALIZED).putVarInt(bytes.length).put(bytes);
        }
    }

    static Object read(ByteBuffer in) {
        byte tag = in.get();
        switch (tag) {
            case NULL:
                return null;
            case STRING:
                return DataUtils.readString(in, DataUtils.readVarInt(in));
            case MISSING:
                return Missing.getInstance();
            case BSON_VALUE: {
                byte type = in.get();
                return BsonDecoder.decodeValue(type, slice(in));
            }
            case BSON_DOCUMENT:
                return BsonDecoder.decodeBson(slice(in));
            case SERIALIZED: {
                byte[] bytes = new byte[DataUtils.readVarInt(in)];
                in.get(bytes);
                return ObjectDataType.deserialize(bytes);
            }
            default:
                throw new IllegalStateException("unknown value tag " + tag + " in the store file");
        }
    }

    /**
     * A total order consistent with {@code equals} for the values the server keeps as keys: values of one
     * comparable class by their own order, other values of one kind (documents, lists, binary) by their
     * BSON bytes, and different kinds by name, so {@code 1} and {@code 1L} stay distinct keys as before.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static int compare(Object a, Object b) {
        if (a == b) {
            return 0;
        }
        if (a == null || b == null) {
            return a == null ? -1 : 1;
        }
        if (a.getClass() == b.getClass() && a instanceof Comparable) {
            return ((Comparable) a).compareTo(b);
        }
        int kind = kind(a).compareTo(kind(b));
        if (kind != 0) {
            return kind;
        }
        return Arrays.compareUnsigned(bytes(a), bytes(b));
    }

    private static String kind(Object value) {
        if (value instanceof Map) {
            return "map";
        }
        if (value instanceof List) {
            return "list";
        }
        return value.getClass().getName();
    }

    private static byte[] bytes(Object value) {
        WriteBuffer out = new WriteBuffer(64);
        write(out, value);
        ByteBuffer buffer = out.getBuffer();
        buffer.flip();
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return bytes;
    }

    private static boolean writeBson(WriteBuffer out, Object value) {
        ByteBuf bson = Unpooled.buffer(value instanceof Map ? 256 : 16);
        byte tag;
        byte type = 0;
        try {
            if (value instanceof Document document) {
                tag = BSON_DOCUMENT;
                BsonEncoder.encodeDocument(document, bson);
            } else {
                tag = BSON_VALUE;
                type = BsonEncoder.determineType(value);
                BsonEncoder.encodeValue(type, value, bson);
            }
        } catch (RuntimeException notBson) {
            return false;
        }
        out.put(tag);
        if (tag == BSON_VALUE) {
            out.put(type);
        }
        out.putVarInt(bson.readableBytes()).put(bson.array(), bson.arrayOffset() + bson.readerIndex(), bson.readableBytes());
        return true;
    }

    private static ByteBuf slice(ByteBuffer in) {
        int length = DataUtils.readVarInt(in);
        ByteBuf bson = Unpooled.wrappedBuffer(in.slice(in.position(), length));
        in.position(in.position() + length);
        return bson;
    }
}
