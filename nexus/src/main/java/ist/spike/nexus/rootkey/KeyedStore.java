package ist.spike.nexus.rootkey;

import ist.spike.common.crypto.SecretBytes;

/** The persistent store as the root-key lifecycle sees it: bound to a root key (a keyring) or not. */
public interface KeyedStore {
    /** Whether this store can tell a wrong key from the right one (a store with a keyring can; lite cannot). */
    default boolean verifiesKeys() {
        return true;
    }

    /** True when the store was initialised with some root key (it holds a keyring) or holds any record. */
    boolean isInitialised();

    /**
     * Opens the store with {@code key}: initialises an empty store, or verifies the key against the
     * existing keyring. Returns the root key to hold from now on: {@code key} itself, or, when {@code key}
     * is the root key of before an unfinished rekey, the new root key the store leads it to.
     *
     * @throws WrongRootKeyException if the key does not match; nothing is changed then
     */
    SecretBytes open(SecretBytes key) throws WrongRootKeyException;

    /** A key that does not open this store. */
    final class WrongRootKeyException extends Exception {
        public WrongRootKeyException() {
            super("the root key does not match this store's keyring");
        }
    }
}
