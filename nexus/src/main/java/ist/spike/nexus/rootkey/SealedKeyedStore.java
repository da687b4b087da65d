package ist.spike.nexus.rootkey;

import ist.spike.common.crypto.SecretBytes;
import ist.spike.nexus.store.records.RecordStorage;
import ist.spike.nexus.store.sealed.SealedBackend;
import java.time.Clock;
import java.util.function.Consumer;

/** A sealed store seen by the root-key lifecycle: opening it with the right key hands the backend on. */
public final class SealedKeyedStore implements KeyedStore {
    private final RecordStorage storage;
    private final Clock clock;
    private final long maxEncryptions;
    private final Consumer<SealedBackend> opened;

    public SealedKeyedStore(RecordStorage storage, Clock clock, long maxEncryptions, Consumer<SealedBackend> opened) {
        this.storage = storage;
        this.clock = clock;
        this.maxEncryptions = maxEncryptions;
        this.opened = opened;
    }

    @Override
    public boolean isInitialised() {
        return SealedBackend.isInitialised(storage);
    }

    @Override
    public SecretBytes open(SecretBytes key) throws WrongRootKeyException {
        try {
            SealedBackend backend = SealedBackend.open(storage, key, clock, maxEncryptions);
            opened.accept(backend);
            return backend.rootKey();
        } catch (ist.spike.nexus.store.WrongRootKeyException e) {
            throw new WrongRootKeyException();
        }
    }
}
