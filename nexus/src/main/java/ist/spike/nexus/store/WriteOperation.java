package ist.spike.nexus.store;

/**
 * A unit of writing work; see {@link Backend#write}. It may run on another thread than the caller's,
 * so it must not rely on thread-locals, and the transaction must not escape the call. Throw to abort:
 * the operation's changes are rolled back and the exception reaches the caller.
 */
@FunctionalInterface
public interface WriteOperation<T> {
    T run(WriteTransaction tx);
}
