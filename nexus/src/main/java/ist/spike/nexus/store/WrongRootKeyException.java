package ist.spike.nexus.store;

/** The root key offered to a store is not the key its data was written with. Nothing was changed. */
public class WrongRootKeyException extends StoreException {
    public WrongRootKeyException() {
        super("the root key does not match this store's keyring");
    }
}
