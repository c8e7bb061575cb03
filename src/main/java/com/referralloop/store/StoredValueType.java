package com.referralloop.store;

import java.nio.ByteBuffer;
import java.util.Collection;
import java.util.Map;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;

/** H2 data type of documents and {@code _id} keys in the embedded store's file: see {@link StoredValues}. */
final class StoredValueType extends BasicDataType<Object> {

    static final StoredValueType INSTANCE = new StoredValueType();

    private StoredValueType() {
    }

    @Override
    public int compare(Object a, Object b) {
        return StoredValues.compare(a, b);
    }

    @Override
    public int getMemory(Object value) {
        return estimatedMemory(value);
    }

    @Override
    public void write(WriteBuffer out, Object value) {
        StoredValues.write(out, value);
    }

    @Override
    public Object read(ByteBuffer in) {
        return StoredValues.read(in);
    }

    @Override
    public Object[] createStorage(int size) {
        return new Object[size];
    }

    /** A rough heap size, for H2's page cache accounting and page splits; walking is far cheaper than encoding. */
    static int estimatedMemory(Object value) {
        if (value == null) {
            return 8;
        }
        if (value instanceof String s) {
            return 40 + 2 * s.length();
        }
        if (value instanceof Map<?, ?> map) {
            int size = 48;
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                size += 32 + estimatedMemory(entry.getKey()) + estimatedMemory(entry.getValue());
            }
            return size;
        }
        if (value instanceof Collection<?> values) {
            int size = 40;
            for (Object element : values) {
                size += 8 + estimatedMemory(element);
            }
            return size;
        }
        return 24;
    }
}
