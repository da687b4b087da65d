package ist.spike.nexus.store.sqlite;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Settings of a SQLite store.
 *
 * @param dataDirectory     directory holding {@code spike.db}; created 0700 if missing
 * @param syncMode          durability of a commit
 * @param readerConnections size of the read connection pool
 * @param busyTimeout       how long SQLite waits on a lock held by another process (a backup tool);
 *                          Nexus itself never contends, it has a single writer
 * @param maxBatchSize      most writes committed together in one transaction
 */
public record SqliteStoreOptions(Path dataDirectory, SyncMode syncMode, int readerConnections, Duration busyTimeout,
        int maxBatchSize, CommitObserver commitObserver) {

    public SqliteStoreOptions {
        Objects.requireNonNull(dataDirectory, "dataDirectory");
        Objects.requireNonNull(syncMode, "syncMode");
        Objects.requireNonNull(busyTimeout, "busyTimeout");
        Objects.requireNonNull(commitObserver, "commitObserver");
        if (readerConnections < 1) {
            throw new IllegalArgumentException("readerConnections must be at least 1");
        }
        if (maxBatchSize < 1) {
            throw new IllegalArgumentException("maxBatchSize must be at least 1");
        }
        if (busyTimeout.isNegative() || busyTimeout.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("busyTimeout out of range");
        }
    }

    /** FULL sync, 4 readers, 5 s busy timeout, batches of up to 512 writes. */
    public static SqliteStoreOptions defaults(Path dataDirectory) {
        return new SqliteStoreOptions(dataDirectory, SyncMode.FULL, 4, Duration.ofSeconds(5), 512, CommitObserver.NONE);
    }

    public SqliteStoreOptions withSyncMode(SyncMode mode) {
        return new SqliteStoreOptions(dataDirectory, mode, readerConnections, busyTimeout, maxBatchSize, commitObserver);
    }

    public SqliteStoreOptions withReaderConnections(int count) {
        return new SqliteStoreOptions(dataDirectory, syncMode, count, busyTimeout, maxBatchSize, commitObserver);
    }

    public SqliteStoreOptions withCommitObserver(CommitObserver observer) {
        return new SqliteStoreOptions(dataDirectory, syncMode, readerConnections, busyTimeout, maxBatchSize, observer);
    }

    public SqliteStoreOptions withMaxBatchSize(int size) {
        return new SqliteStoreOptions(dataDirectory, syncMode, readerConnections, busyTimeout, size, commitObserver);
    }
}
