package ist.spike.nexus.rootkey;

import ist.spike.common.crypto.SecretBytes;

/** The persistent store as the root-key lifecycle sees it: it either has a key-check record or not. */
public interface KeyedStore {
    /** True when the store was initialised with some root key (it holds a key-check record). */
    boolean isInitialised();

    /**
     * Opens the store with {@code key}: initialises an empty store (writing the key-check record), or
     * verifies the key against the existing record.
     *
     * @throws WrongRootKeyException if the key does not match; nothing is changed then
     */
    void open(SecretBytes key) throws WrongRootKeyException;

    /** A key that does not open this store. */
    final class WrongRootKeyException extends Exception {
        public WrongRootKeyException() {
            super("the root key does not match this store's key-check record");
        }
    }
}
