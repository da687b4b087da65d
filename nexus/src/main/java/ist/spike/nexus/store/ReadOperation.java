package ist.spike.nexus.store;

/** A unit of reading work; see {@link Backend#read}. The transaction must not escape the call. */
@FunctionalInterface
public interface ReadOperation<T> {
    T run(ReadTransaction tx);
}
