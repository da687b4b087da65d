package ist.spike.nexus.store;

import java.util.concurrent.atomic.AtomicReference;

/**
 * The backend Nexus serves from, filled once the root key has opened it. Domain services hold this
 * slot from the start; the root-key gate keeps requests away until it is filled.
 */
public final class BackendSlot implements Backend {
    private final AtomicReference<Backend> backend = new AtomicReference<>();
    private final StoreTimings timings;

    public BackendSlot() {
        this(StoreTimings.NONE);
    }

    public BackendSlot(StoreTimings timings) {
        this.timings = timings;
    }

    /** Fills the slot; a second call is a programming error. */
    public void fill(Backend opened) {
        if (!backend.compareAndSet(null, opened)) {
            throw new IllegalStateException("backend already open");
        }
    }

    public boolean isFilled() {
        return backend.get() != null;
    }

    /** The opened backend (for operations beyond the interface, like backups). */
    public Backend get() {
        Backend current = backend.get();
        if (current == null) {
            throw new IllegalStateException("the store is not open yet (no root key)");
        }
        return current;
    }

    @Override
    public <T> T read(ReadOperation<T> operation) {
        long started = System.nanoTime();
        try {
            return get().read(operation);
        } finally {
            timings.read(System.nanoTime() - started);
        }
    }

    @Override
    public <T> T write(WriteOperation<T> operation) {
        long started = System.nanoTime();
        try {
            return get().write(operation);
        } finally {
            timings.write(System.nanoTime() - started);
        }
    }

    @Override
    public void close() {
        Backend current = backend.get();
        if (current != null) {
            current.close();
        }
    }
}
