package ist.spike.nexus.store.records;

import java.util.function.Function;

/**
 * Dumb storage for sealed records (SQLite, memory, later PostgreSQL). It never sees a key or a plaintext:
 * sealing sits above it, so every backend stores the same records and inherits the same checks.
 * {@link #read} sees one consistent snapshot; {@link #write} is atomic and durable when it returns.
 */
public interface RecordStore extends AutoCloseable {
    <T> T read(Function<RecordReader, T> operation);

    <T> T write(Function<RecordWriter, T> operation);

    /**
     * Answers only if the store can be read now (it reads the keyring copies from disk, not a cache).
     *
     * @throws RuntimeException when it cannot
     */
    default void ping() {
        read(RecordReader::keyrings);
    }

    /** Bytes the store takes on disk, or -1 where it keeps nothing on disk. */
    default long sizeBytes() {
        return -1;
    }

    @Override
    void close();
}
