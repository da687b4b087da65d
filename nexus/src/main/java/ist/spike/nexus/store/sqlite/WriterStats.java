package ist.spike.nexus.store.sqlite;

/**
 * Counters of the group-commit writer, for tests and metrics.
 *
 * @param committedBatches transactions committed (one fsync each with {@link SyncMode#FULL})
 * @param committedWrites  write operations that succeeded and were committed
 * @param failedWrites     write operations that threw or whose batch could not commit
 */
public record WriterStats(long committedBatches, long committedWrites, long failedWrites) {}
