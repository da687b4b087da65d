package ist.spike.nexus.rootkey;

import ist.spike.common.crypto.SecretBytes;
import ist.spike.common.shamir.Shamir;
import ist.spike.nexus.store.sealed.SealedBackend;
import java.time.Instant;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Root key rekey (docs/operations.md, "Rekey"): a new root key seals the keyring (the old one still opens
 * the store and leads to the new one), Nexus holds the new key and pushes its shards; once every keeper
 * has taken its new shard, the old root key's copy of the keyring is deleted and the rekey is complete.
 * A crash at any point leaves the store opening with shards of either key until then.
 */
public final class Rekey {
    private static final Logger LOG = LoggerFactory.getLogger(Rekey.class);

    /** What an operator is told. */
    public record Status(int rootEpoch, int keepers, int keepersWithNewShard, boolean complete, Instant started) {}

    private final RootKeyHolder holder;
    private final KeeperSync sync;
    private final Supplier<SealedBackend> backend;
    private volatile int lastHeld;

    public Rekey(RootKeyHolder holder, KeeperSync sync, Supplier<SealedBackend> backend) {
        this.holder = holder;
        this.sync = sync;
        this.backend = backend;
        sync.onRound(this::roundDone);
    }

    /** Begins a rekey (unless one is under way), pushes the new shards once and reports. */
    public synchronized Status start() {
        SealedBackend store = store();
        if (!store.rekeyPending()) {
            SecretBytes next = Shamir.newRootKey();
            store.beginRekey(next);
            holder.replace(next);
            lastHeld = 0;
            LOG.warn("rekey: a new root key (epoch {}) seals the keyring; pushing its shards to the {} keepers",
                    store.rootEpoch(), sync.keeperCount());
        }
        SecretBytes key = holder.get();
        roundDone(key, sync.pushAll(key));
        return status();
    }

    public Status status() {
        SealedBackend store = store();
        boolean complete = !store.rekeyPending();
        return new Status(store.rootEpoch(), sync.keeperCount(), complete ? sync.keeperCount() : lastHeld, complete,
                store.keyring().keyring().lastRekey());
    }

    /** After a push round: with every keeper holding the current key's shard, a pending rekey is finished. */
    synchronized void roundDone(SecretBytes pushed, int held) {
        if (pushed != holder.get()) {
            return; // the round pushed the key a rekey has since replaced
        }
        lastHeld = held;
        SealedBackend store = backend.get();
        if (store != null && held == sync.keeperCount() && store.rekeyPending()) {
            store.finishRekey();
            LOG.warn("rekey complete: every keeper holds a shard of the new root key (epoch {}). Recovery shards "
                    + "exported before the rekey (started {}) no longer restore this store: export new ones with "
                    + "'spike operator recover'", store.rootEpoch(), store.keyring().keyring().lastRekey());
        }
    }

    private SealedBackend store() {
        SealedBackend store = backend.get();
        if (store == null) {
            throw new IllegalStateException("the store is not open");
        }
        return store;
    }
}
