package com.referralloop.store;

import de.bwaldvogel.mongo.backend.KeyValue;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;

/**
 * H2 data type of unique-index keys. {@link KeyValue} is not {@link Comparable}, so H2's default type
 * compared two keys by Java-serialising both: the main cost of every indexed lookup and insert.
 */
final class IndexKeyType extends BasicDataType<KeyValue> {

    static final IndexKeyType INSTANCE = new IndexKeyType();

    /**
     * A key part above every stored value, never stored itself: a seek to (prefix, AFTER_ALL) lands after
     * every key that starts with the prefix, so a range of keys sharing a prefix can be bounded.
     */
    static final Object AFTER_ALL = new Object() {
        @Override
        public String toString() {
            return "AFTER_ALL";
        }
    };

    private IndexKeyType() {
    }

    @Override
    public int compare(KeyValue a, KeyValue b) {
        int common = Math.min(a.size(), b.size());
        for (int i = 0; i < common; i++) {
            Object x = a.get(i);
            Object y = b.get(i);
            if (x == AFTER_ALL || y == AFTER_ALL) {
                if (x != y) {
                    return x == AFTER_ALL ? 1 : -1;
                }
                continue;
            }
            int order = StoredValues.compare(x, y);
            if (order != 0) {
                return order;
            }
        }
        return Integer.compare(a.size(), b.size());
    }

    @Override
    public int getMemory(KeyValue key) {
        int size = 40;
        for (Object value : key) {
            size += 8 + StoredValueType.estimatedMemory(value);
        }
        return size;
    }

    @Override
    public void write(WriteBuffer out, KeyValue key) {
        out.putVarInt(key.size());
        for (Object value : key) {
            StoredValues.write(out, value);
        }
    }

    @Override
    public KeyValue read(ByteBuffer in) {
        int size = DataUtils.readVarInt(in);
        List<Object> values = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            values.add(StoredValues.read(in));
        }
        return new KeyValue(values);
    }

    @Override
    public KeyValue[] createStorage(int size) {
        return new KeyValue[size];
    }
}
