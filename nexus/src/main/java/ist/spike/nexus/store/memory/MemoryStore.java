package ist.spike.nexus.store.memory;

import ist.spike.nexus.store.StoreException;
import ist.spike.nexus.store.records.RecordKey;
import ist.spike.nexus.store.records.RecordReader;
import ist.spike.nexus.store.records.RecordStorage;
import ist.spike.nexus.store.records.RecordStore;
import ist.spike.nexus.store.records.RecordWriter;
import ist.spike.nexus.store.records.Sealed;
import ist.spike.nexus.store.records.StoreContents;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Development storage: the same sealed records as SQLite, in maps in this process's memory (sealed under a
 * root key made at start), so nothing survives a restart. Never for production.
 *
 * <p>Writes are serialised by a lock (virtual threads park on it) and atomic: a write operation that
 * throws has its changes undone before the exception reaches the caller.
 */
public final class MemoryStore implements RecordStore {
    private static final Logger log = LoggerFactory.getLogger(MemoryStore.class);

    private final TreeMap<Integer, byte[]> keyrings = new TreeMap<>();
    private final TreeMap<RecordKey, Sealed> records = new TreeMap<>(MemoryTransaction.ORDER);
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private volatile boolean closed;

    public MemoryStore() {
        log.warn("*** IN-MEMORY STORE: secrets are kept in this process only and are LOST on restart. "
                + "For development; never use it in production. ***");
    }

    /** A new, empty store as the sealing layer opens it. */
    public static RecordStorage storage() {
        MemoryStore store = new MemoryStore();
        return new RecordStorage() {
            @Override
            public StoreContents probe() {
                return StoreContents.empty();
            }

            @Override
            public RecordStore open() {
                return store;
            }
        };
    }

    @Override
    public <T> T read(Function<RecordReader, T> operation) {
        lock.readLock().lock();
        try {
            requireOpen();
            return operation.apply(new MemoryTransaction(keyrings, records, null));
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public <T> T write(Function<RecordWriter, T> operation) {
        lock.writeLock().lock();
        try {
            requireOpen();
            UndoLog undo = new UndoLog();
            try {
                return operation.apply(new MemoryTransaction(keyrings, records, undo));
            } catch (RuntimeException | Error e) {
                undo.rollBack();
                throw e;
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    @Override
    public void close() {
        lock.writeLock().lock();
        try {
            closed = true;
            keyrings.clear();
            records.clear();
        } finally {
            lock.writeLock().unlock();
        }
    }

    private void requireOpen() {
        if (closed) {
            throw new StoreException("store is closed");
        }
    }

    @Override
    public String toString() {
        return "MemoryStore";
    }
}
