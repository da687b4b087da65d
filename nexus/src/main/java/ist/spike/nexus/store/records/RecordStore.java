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

    @Override
    void close();
}
