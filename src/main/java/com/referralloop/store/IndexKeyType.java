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

    private IndexKeyType() {
    }

    @Override
    public int compare(KeyValue a, KeyValue b) {
        int common = Math.min(a.size(), b.size());
        for (int i = 0; i < common; i++) {
            int order = StoredValues.compare(a.get(i), b.get(i));
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
