package ist.spike.nexus.store.sqlite;

/** Told of every group commit (the metrics count them); runs on the writer thread, so it must be cheap. */
@FunctionalInterface
public interface CommitObserver {
    CommitObserver NONE = (writes, commitNanos) -> {};

    /**
     * @param writes      operations the commit made durable together
     * @param commitNanos how long {@code COMMIT} took (with synchronous=FULL, mostly the WAL's fsync)
     */
    void committed(int writes, long commitNanos);
}
