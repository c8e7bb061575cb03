package com.referralloop.store;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.AbstractUniqueIndex;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.DatabaseResolver;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.oplog.Oplog;
import io.netty.channel.Channel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

/**
 * mongo-java-server's H2 backend with the maps opened on {@link StoredValueType} and {@link IndexKeyType}
 * instead of H2's Java-serialising default, and with non-unique indexes built and used
 * ({@link SecondaryIndex}, {@link IndexedCollection}, {@link IndexedAggregation}) where the library ignores them. The map names and the structure are the library's; only the
 * bytes of a value in the file and the key order differ, so a file written by the stock backend is copied
 * over once ({@link LegacyStoreMigration}) rather than opened.
 */
class CompactH2Backend extends H2Backend {

    CompactH2Backend(MVStore store) {
        super(store);
    }

    /** The page cache of a store file in MiB, unless configured ({@code REFERRAL_STORE_CACHE_MB}). */
    static final int DEFAULT_CACHE_MB = 64;

    CompactH2Backend(String file) {
        this(file, DEFAULT_CACHE_MB);
    }

    /**
     * A store file with a page cache of {@code cacheMb}: H2's default of 16 MiB holds a small part of a large
     * file's index and document pages, so reads went back to the file (and decoded its pages) again and again.
     */
    CompactH2Backend(String file, int cacheMb) {
        super(new MVStore.Builder().fileName(file).cacheSize(cacheMb).open());
    }

    static CompactH2Backend inMemoryStore() {
        return new CompactH2Backend(new MVStore.Builder().open());
    }

    @Override
    protected MongoDatabase openOrCreateDatabase(String databaseName) {
        return new CompactDatabase(databaseName);
    }

    /** An inner class so that the store is reachable from the maps H2Database opens in its own constructor. */
    private final class CompactDatabase extends H2Database {

        /**
         * Non-unique indexes opened since the last build (no initialiser: the super constructor opens indexes
         * before this class's field initialisers would run, and one would reset the list).
         */
        private List<String[]> unbuilt;

        CompactDatabase(String databaseName) {
            super(databaseName, getMvStore(), getCursorRegistry());
        }

        @Override
        protected void initializeNamespacesAndIndexes() {
            super.initializeNamespacesAndIndexes();
            buildNewIndexes();
        }

        @Override
        protected void addIndex(Document indexDescription) {
            super.addIndex(indexDescription);
            buildNewIndexes();
        }

        @Override
        protected void dropIndex(MongoCollection<Object> collection, String indexName) {
            super.dropIndex(collection, indexName);
            if (collection instanceof IndexedCollection indexed) {
                indexed.forgetIndex(indexName);
            }
        }

        /** Builds, in batches, the non-unique indexes the collections have not built yet (see SecondaryIndex). */
        private synchronized void buildNewIndexes() {
            if (unbuilt == null) {
                return;
            }
            for (String[] index : unbuilt) {
                if (resolveCollection(index[0], false) instanceof IndexedCollection collection) {
                    collection.buildIndex(index[1]);
                }
            }
            unbuilt = null;
        }

        @Override
        protected MongoCollection<Object> openOrCreateCollection(String collectionName, CollectionOptions options) {
            String namespace = getFullCollectionNamespace(collectionName);
            MVMap<Object, Document> data = getMvStore().openMap("databases." + namespace,
                    new MVMap.Builder<Object, Document>().keyType(StoredValueType.INSTANCE).valueType(StoredValueType.INSTANCE));
            MVMap<String, Object> meta = getMvStore().openMap("meta." + namespace);
            return new IndexedCollection(this, collectionName, options, data, meta, getCursorRegistry());
        }

        @Override
        protected Index<Object> openOrCreateSecondaryIndex(String collectionName, String indexName, List<IndexKey> keys,
                                                           boolean sparse) {
            if (unbuilt == null) {
                unbuilt = new ArrayList<>();
            }
            unbuilt.add(new String[] {collectionName, indexName});
            return new SecondaryIndex(indexMap(collectionName, indexName),
                    getMvStore().openMap("meta." + getFullCollectionNamespace(collectionName)), indexName, keys, sparse);
        }

        @Override
        public Document handleCommand(Channel channel, String command, Document query, DatabaseResolver resolver,
                                      Oplog oplog) {
            if (command.equalsIgnoreCase("aggregate")) {
                Document answer = IndexedAggregation.run(this, query, resolver, oplog);
                if (answer != null) {
                    return answer;
                }
            }
            return super.handleCommand(channel, command, query, resolver, oplog);
        }

        @Override
        protected Index<Object> openOrCreateUniqueIndex(String collectionName, String indexName, List<IndexKey> keys,
                                                        boolean sparse) {
            return new UniqueKeyIndex(indexMap(collectionName, indexName), indexName, keys, sparse);
        }

        /** The library's map name for an index, which its drop and rename commands remove. */
        private MVMap<KeyValue, Object> indexMap(String collectionName, String indexName) {
            return getMvStore().openMap(getFullCollectionNamespace(collectionName) + "._index_" + indexName,
                    new MVMap.Builder<KeyValue, Object>().keyType(IndexKeyType.INSTANCE).valueType(StoredValueType.INSTANCE));
        }
    }

    /** The library's H2 unique index, over a map with this store's key type (its own class is package-private). */
    private static final class UniqueKeyIndex extends AbstractUniqueIndex<Object> {

        private final MVMap<KeyValue, Object> map;

        UniqueKeyIndex(MVMap<KeyValue, Object> map, String name, List<IndexKey> keys, boolean sparse) {
            super(name, keys, sparse);
            this.map = map;
        }

        @Override
        protected Object removeDocument(KeyValue key) {
            return map.remove(key);
        }

        @Override
        protected boolean putKeyPosition(KeyValue key, Object position) {
            return map.putIfAbsent(key, Missing.ofNullable(position)) == null;
        }

        @Override
        protected Iterable<Map.Entry<KeyValue, Object>> getIterable() {
            return map.entrySet();
        }

        @Override
        protected Object getPosition(KeyValue key) {
            return map.get(key);
        }

        @Override
        public long getCount() {
            return map.sizeAsLong();
        }

        @Override
        public boolean isEmpty() {
            return map.isEmpty();
        }

        @Override
        public long getDataSize() {
            return getCount();
        }
    }
}
