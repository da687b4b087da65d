package ist.spike.nexus.rootkey;

import ist.spike.common.crypto.SecretBytes;
import ist.spike.nexus.store.BackendSlot;
import ist.spike.nexus.store.sqlite.SqliteStore;
import ist.spike.nexus.store.sqlite.SqliteStoreOptions;

/** The SQLite store seen by the root-key lifecycle: opening it with the right key fills the backend slot. */
public final class SqliteKeyedStore implements KeyedStore {
    private final SqliteStoreOptions options;
    private final BackendSlot slot;

    public SqliteKeyedStore(SqliteStoreOptions options, BackendSlot slot) {
        this.options = options;
        this.slot = slot;
    }

    @Override
    public boolean isInitialised() {
        return SqliteStore.isInitialised(options.dataDirectory());
    }

    @Override
    public void open(SecretBytes key) throws WrongRootKeyException {
        try {
            slot.fill(SqliteStore.open(options, key));
        } catch (ist.spike.nexus.store.WrongRootKeyException e) {
            throw new WrongRootKeyException();
        }
    }
}
