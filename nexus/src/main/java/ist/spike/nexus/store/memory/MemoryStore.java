package ist.spike.nexus.store.memory;

import ist.spike.nexus.store.Backend;
import ist.spike.nexus.store.ReadOperation;
import ist.spike.nexus.store.StoreException;
import ist.spike.nexus.store.WriteOperation;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Development backend: plain maps in this process's memory. No root key, no encryption, nothing
 * survives a restart. Never for production.
 *
 * <p>Writes are serialised by a lock (virtual threads park on it) and atomic: a write operation that
 * throws has its changes undone before the exception reaches the caller.
 */
public final class MemoryStore implements Backend {
    private static final Logger log = LoggerFactory.getLogger(MemoryStore.class);

    private final MemoryState state = new MemoryState();
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private volatile boolean closed;

    public MemoryStore() {
        log.warn("*** IN-MEMORY STORE: secrets are kept unencrypted in this process only and are LOST on restart. "
                + "For development; never use it in production. ***");
    }

    @Override
    public <T> T read(ReadOperation<T> operation) {
        lock.readLock().lock();
        try {
            requireOpen();
            return operation.run(new MemoryTransaction(state, null));
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public <T> T write(WriteOperation<T> operation) {
        lock.writeLock().lock();
        try {
            requireOpen();
            UndoLog undo = new UndoLog();
            try {
                return operation.run(new MemoryTransaction(state, undo));
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
            state.clear();
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
