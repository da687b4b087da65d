package ist.spike.nexus.store;

/**
 * Where Nexus keeps secrets and policies. The domain packages talk to this interface only; they never
 * see SQL, files or ciphertext.
 *
 * <p>Work is expressed as operations over a transaction context: {@link #read} runs against one
 * consistent snapshot, {@link #write} runs atomically (all of the operation's changes or none) and
 * returns only once the changes are durable. That lets a domain operation such as "add the next
 * version" do its read-modify-write without any locking of its own.
 *
 * <p>Implementations: {@code sqlite} (persistent, encrypted under the root key) and {@code memory}
 * (development only). A {@code lite} backend can implement this and refuse the secret and policy
 * methods.
 */
public interface Backend extends AutoCloseable {

    /** Runs {@code operation} against a consistent snapshot and returns its result. */
    <T> T read(ReadOperation<T> operation);

    /**
     * Runs {@code operation} atomically. When this returns, the changes are committed (and, for a
     * persistent backend, durable). If the operation throws, none of its changes are kept and the
     * same exception is thrown here.
     */
    <T> T write(WriteOperation<T> operation);

    /** Finishes pending writes and releases every resource. Idempotent. */
    @Override
    void close();
}
