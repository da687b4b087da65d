package ist.spike.nexus.store.sqlite;

import ist.spike.nexus.store.StoreException;
import ist.spike.nexus.store.records.RecordWriter;
import java.util.function.Function;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The only code that writes to the database: one platform thread owning the one writer connection.
 *
 * <p>Callers (virtual threads) enqueue an operation and park on its future. The writer thread takes
 * everything queued, runs it in ONE transaction with each operation inside its own SAVEPOINT (so an
 * operation that throws is rolled back alone and its caller gets the exception), commits once (one
 * fsync for the whole batch), and only then completes the callers' futures: an acknowledged write is
 * a committed write.
 *
 * <p>Why a platform thread: SQLite's calls (and any busy wait) run in native code, which would pin a
 * virtual thread's carrier. With a single writer there is no lock contention inside Nexus at all.
 */
final class GroupCommitWriter implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(GroupCommitWriter.class);
    private static final Pending<Void> STOP = new Pending<>(null);

    private final Connection connection;
    private final SqliteTransaction tx;
    private final int maxBatchSize;
    private final CommitObserver observer;
    private final LinkedBlockingQueue<Pending<?>> queue = new LinkedBlockingQueue<>();
    private final ReentrantReadWriteLock gate = new ReentrantReadWriteLock();
    private final AtomicLong committedBatches = new AtomicLong();
    private final AtomicLong committedWrites = new AtomicLong();
    private final AtomicLong failedWrites = new AtomicLong();
    private final Thread thread;
    private boolean closed; // guarded by gate

    GroupCommitWriter(Connection connection, SqliteTransaction tx, int maxBatchSize, CommitObserver observer) {
        this.observer = observer;
        this.connection = connection;
        this.tx = tx;
        this.maxBatchSize = maxBatchSize;
        this.thread = Thread.ofPlatform().name("spike-store-writer").daemon(true).start(this::loop);
    }

    /** Runs {@code operation} in the next batch; returns once it is committed, or throws what it threw. */
    <T> T submit(Function<RecordWriter, T> operation) {
        Pending<T> pending = new Pending<>(operation);
        gate.readLock().lock();
        try {
            if (closed) {
                throw new StoreException("store is closed");
            }
            queue.add(pending);
        } finally {
            gate.readLock().unlock();
        }
        return pending.await();
    }

    /** Operations waiting for the writer thread (tests use it to line up a batch). */
    int queued() {
        return queue.size();
    }

    WriterStats stats() {
        return new WriterStats(committedBatches.get(), committedWrites.get(), failedWrites.get());
    }

    /** Lets every queued write finish, then stops the thread. Does not close the connection. */
    @Override
    public void close() {
        gate.writeLock().lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            queue.add(STOP); // nothing can be enqueued after this
        } finally {
            gate.writeLock().unlock();
        }
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void loop() {
        List<Pending<?>> batch = new ArrayList<>();
        boolean stopping = false;
        while (!stopping) {
            try {
                batch.add(queue.take());
            } catch (InterruptedException e) {
                continue; // nobody interrupts this thread on purpose; STOP ends it
            }
            queue.drainTo(batch, maxBatchSize - 1);
            if (batch.remove(STOP)) {
                stopping = true; // STOP is always last: finish this batch, then leave
            }
            if (!batch.isEmpty()) {
                try {
                    runBatch(batch);
                } catch (Throwable t) {
                    // Never let the writer thread die with callers parked on it.
                    log.error("write batch failed unexpectedly", t);
                    rollBackQuietly();
                    StoreException lost = new StoreException("write batch failed: " + t, t);
                    batch.forEach(p -> p.future.completeExceptionally(lost)); // no-op for completed ones
                }
            }
            batch.clear();
        }
    }

    private void runBatch(List<Pending<?>> batch) {
        try {
            execute("BEGIN IMMEDIATE");
        } catch (SQLException e) {
            failAll(batch, new StoreException("cannot begin a write transaction: " + e.getMessage(), e));
            return;
        }
        for (Pending<?> p : batch) {
            try {
                execute("SAVEPOINT op");
            } catch (SQLException e) {
                abort(batch, "cannot open a savepoint", e);
                return;
            }
            try {
                p.result = p.operation.apply(tx);
                execute("RELEASE op");
            } catch (Throwable t) {
                p.failure = t;
                try {
                    execute("ROLLBACK TO op");
                    execute("RELEASE op");
                } catch (SQLException e) {
                    // Some errors (disk full, I/O) end the whole transaction; nothing in it can be kept.
                    abort(batch, "write transaction aborted", e);
                    return;
                }
            }
        }
        long commitStarted = System.nanoTime();
        try {
            execute("COMMIT");
        } catch (SQLException e) {
            abort(batch, "commit failed", e);
            return;
        }
        observer.committed(batch.size(), System.nanoTime() - commitStarted);
        committedBatches.incrementAndGet();
        for (Pending<?> p : batch) {
            if (p.failure == null) {
                committedWrites.incrementAndGet();
                p.future.complete(p.result);
            } else {
                failedWrites.incrementAndGet();
                p.future.completeExceptionally(p.failure);
            }
        }
    }

    /** Rolls the batch back; operations that had succeeded are told their write was lost. */
    private void abort(List<Pending<?>> batch, String why, SQLException cause) {
        log.error("{}; rolling back a batch of {} writes: {}", why, batch.size(), cause.getMessage());
        rollBackQuietly();
        StoreException lost = new StoreException(why + ": " + cause.getMessage(), cause);
        for (Pending<?> p : batch) {
            failedWrites.incrementAndGet();
            p.future.completeExceptionally(p.failure != null ? p.failure : lost);
        }
    }

    private void rollBackQuietly() {
        try {
            execute("ROLLBACK");
        } catch (SQLException ignored) {
            // no transaction open, or SQLite already rolled it back
        }
    }

    private void failAll(List<Pending<?>> batch, StoreException e) {
        for (Pending<?> p : batch) {
            failedWrites.incrementAndGet();
            p.future.completeExceptionally(e);
        }
    }

    private void execute(String sql) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute(sql);
        }
    }

    /** One caller's operation and its outcome; fields written by the writer thread before completion. */
    private static final class Pending<T> {
        final Function<RecordWriter, T> operation;
        final CompletableFuture<Object> future = new CompletableFuture<>();
        Object result;
        Throwable failure;

        Pending(Function<RecordWriter, T> operation) {
            this.operation = operation;
        }

        @SuppressWarnings("unchecked")
        T await() {
            try {
                // join() parks a virtual thread and ignores interrupts: the write may already be
                // committed, so the caller must learn its real outcome.
                return (T) future.join();
            } catch (CompletionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof RuntimeException re) {
                    throw re;
                }
                if (cause instanceof Error err) {
                    throw err;
                }
                throw new StoreException("write failed", cause);
            }
        }
    }
}
