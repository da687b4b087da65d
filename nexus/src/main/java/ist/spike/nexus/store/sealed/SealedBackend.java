package ist.spike.nexus.store.sealed;

import ist.spike.common.crypto.SecretBytes;
import ist.spike.nexus.keyring.KeyPurpose;
import ist.spike.nexus.keyring.Keyring;
import ist.spike.nexus.keyring.KeyringBox;
import ist.spike.nexus.keyring.LiveKeyring;
import ist.spike.nexus.store.Backend;
import ist.spike.nexus.store.ReadOperation;
import ist.spike.nexus.store.StoreIntegrityException;
import ist.spike.nexus.store.WriteOperation;
import ist.spike.nexus.store.WrongRootKeyException;
import ist.spike.nexus.store.records.LegacyRecords;
import ist.spike.nexus.store.records.RecordStorage;
import ist.spike.nexus.store.records.RecordStore;
import ist.spike.nexus.store.records.RecordWriter;
import ist.spike.nexus.store.records.StoreContents;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The barrier between the domain and storage (as Vault's): every record is sealed here, under the
 * keyring's active storage key, before a backend sees it. The keyring itself is sealed under the root key;
 * opening it is the key check, so a wrong root key is refused before anything is written.
 */
public final class SealedBackend implements Backend {
    private static final Logger LOG = LoggerFactory.getLogger(SealedBackend.class);

    private final RecordStore records;
    private final Clock clock;
    private final AtomicBoolean reserving = new AtomicBoolean();
    private final IndexCache indexCache = new IndexCache();
    // Changes only in start (under the store's write lock) and in beginRekey.
    private volatile RootKey root;
    private volatile Runnable onLimitReached = () -> {};
    private LiveKeyring keyring;
    private RecordSealer sealer;

    /** The root key and the epoch of the keyring copy it seals. */
    private record RootKey(SecretBytes key, int epoch) {}

    private SealedBackend(RecordStore records, Clock clock, RootKey root) {
        this.records = records;
        this.clock = clock;
        this.root = root;
    }

    /**
     * Opens {@code storage} with {@code rootKey} (copied): verifies the key against the keyring (or a
     * schema-1 key check) before writing anything, then creates the keyring of a new store or upgrades a
     * schema-1 one.
     *
     * @throws WrongRootKeyException   the key does not open this store (nothing changed)
     * @throws StoreIntegrityException the store holds records but nothing to check a key against
     */
    public static SealedBackend open(RecordStorage storage, SecretBytes rootKey, Clock clock, long maxEncryptions) {
        StoreContents contents = storage.probe();
        int epoch = verify(contents, rootKey);
        RecordStore records = storage.open();
        SealedBackend backend = new SealedBackend(records, clock,
                new RootKey(SecretBytes.copyOf(rootKey.copyRawBytes()), epoch));
        try {
            records.write(w -> {
                backend.start(w, maxEncryptions);
                return null;
            });
        } catch (RuntimeException e) {
            records.close();
            backend.root.key().destroy();
            throw e;
        }
        return backend;
    }

    /** Whether {@code storage} is bound to a root key or holds anything: either way, not a first boot. */
    public static boolean isInitialised(RecordStorage storage) {
        StoreContents contents = storage.probe();
        return contents.initialised() || contents.holdsRecords();
    }

    /** The epoch of the keyring copy {@code rootKey} opens (1 for a new or schema-1 store). */
    private static int verify(StoreContents contents, SecretBytes rootKey) {
        if (!contents.keyrings().isEmpty()) {
            return openingEpoch(contents.keyrings(), rootKey);
        }
        if (contents.legacyKeyCheck() != null) {
            if (!LegacyUpgrade.keyCheckOpens(contents.legacyKeyCheck(), rootKey)) {
                throw new WrongRootKeyException();
            }
            return 1;
        }
        if (contents.holdsRecords()) {
            throw SealedTransaction.refuse("the store holds records but no keyring or key check; refusing to "
                    + "bind it to a new root key");
        }
        return 1;
    }

    private static int openingEpoch(Map<Integer, byte[]> copies, SecretBytes rootKey) {
        for (var copy : copies.entrySet()) {
            try {
                KeyringBox.open(copy.getValue(), rootKey, copy.getKey());
                return copy.getKey();
            } catch (KeyringBox.WrongKeyException e) {
                // try the next copy (during a rekey there are two, one per root key)
            }
        }
        throw new WrongRootKeyException();
    }

    /** Under the write lock: load, upgrade or create the keyring. */
    private void start(RecordWriter w, long maxEncryptions) {
        Map<Integer, byte[]> copies = w.keyrings();
        if (copies.containsKey(root.epoch())) {
            Keyring loaded = openCopy(copies, root);
            if (loaded.pendingRootKey() != null) {
                // Opened with the root key of before a rekey: carry on with the new one, which seals the newer copy.
                root = new RootKey(SecretBytes.copyOf(loaded.pendingRootKey().copyRawBytes()), root.epoch() + 1);
                LOG.warn("a root key rekey was under way: Nexus continues with the new root key (epoch {}) and "
                        + "finishes the rekey once every keeper holds its new shard", root.epoch());
                loaded = openCopy(copies, root);
            }
            loaded = loaded.reservedAhead();
            persist(w, loaded);
            use(loaded, maxEncryptions);
            return;
        }
        LegacyRecords legacy = w.legacy();
        if (legacy == null && !w.scan(null, 1).isEmpty()) {
            throw SealedTransaction.refuse("the store holds records but no keyring");
        }
        if (legacy != null && !LegacyUpgrade.keyCheckOpens(legacy.keyCheck(), root.key())) {
            throw new WrongRootKeyException();
        }
        Keyring created = legacy == null ? Keyring.fresh(clock.instant()) : Keyring.upgradedFrom(root.key(), clock.instant());
        persist(w, created);
        use(created, maxEncryptions);
        if (legacy != null) {
            LegacyUpgrade.run(legacy, w, sealer, created);
        }
    }

    private static Keyring openCopy(Map<Integer, byte[]> copies, RootKey key) {
        byte[] copy = copies.get(key.epoch());
        if (copy == null) {
            throw SealedTransaction.refuse("the keyring copy of root epoch " + key.epoch() + " is missing");
        }
        try {
            return KeyringBox.open(copy, key.key(), key.epoch());
        } catch (KeyringBox.WrongKeyException e) {
            throw new WrongRootKeyException();
        }
    }

    private void use(Keyring loaded, long maxEncryptions) {
        keyring = new LiveKeyring(loaded, maxEncryptions, new LiveKeyring.Budget() {
            @Override
            public void reservationLow(KeyPurpose purpose) {
                reserveMore(purpose);
            }

            @Override
            public void limitReached(KeyPurpose purpose) {
                onLimitReached.run();
            }
        });
        sealer = new RecordSealer(keyring);
    }

    @Override
    public <T> T read(ReadOperation<T> operation) {
        return records.read(r -> operation.run(new SealedTransaction(r, null, sealer, indexCache)));
    }

    @Override
    public <T> T write(WriteOperation<T> operation) {
        return records.write(w -> {
            SealedTransaction tx = new SealedTransaction(w, w, sealer, indexCache);
            T result = operation.run(tx);
            tx.flush();
            return result;
        });
    }

    /** The keyring in use (the cipher service and the rotation read it). */
    public LiveKeyring keyring() {
        return keyring;
    }

    /** The storage beneath (backups reach through to it). */
    public RecordStore records() {
        return records;
    }

    /** Runs when an active key reaches its encryption limit (the rotation schedule hooks in here). */
    public void onLimitReached(Runnable action) {
        onLimitReached = action;
    }

    /**
     * Persists {@code change} of the keyring and only then puts it in use. Serialised: key changes are rare
     * and must not interleave.
     */
    public synchronized Keyring updateKeyring(UnaryOperator<Keyring> change) {
        Keyring next = records.write(w -> {
            Keyring changed = change.apply(keyring.keyring());
            persist(w, changed);
            return changed;
        });
        keyring.replace(next);
        return next;
    }

    RecordSealer sealer() {
        return sealer;
    }

    /** Writes the keyring, sealed under the current root key, as the copy of its epoch. */
    private void persist(RecordWriter w, Keyring k) {
        RootKey r = root;
        w.putKeyring(r.epoch(), KeyringBox.seal(k.copyFor(r.epoch(), null), r.key(), r.epoch()));
    }

    /** A copy of the root key the keyring is sealed under now (after a rekey began: the new one). */
    public SecretBytes rootKey() {
        return SecretBytes.copyOf(root.key().copyRawBytes());
    }

    /** The epoch of the current root key. */
    public int rootEpoch() {
        return root.epoch();
    }

    /**
     * Begins a rekey: in one write, the keyring is sealed under {@code next} as the copy of the next epoch,
     * and the current copy is rewritten to carry {@code next} (so the old root key still opens the store and
     * leads to the new one). From then on the store seals under {@code next}. Until {@link #finishRekey},
     * shards of either root key open the store.
     *
     * @throws IllegalStateException if a rekey is already under way
     */
    public synchronized void beginRekey(SecretBytes next) {
        if (rekeyPending()) {
            throw new IllegalStateException("a rekey is already under way");
        }
        RootKey old = root;
        RootKey upcoming = new RootKey(SecretBytes.copyOf(next.copyRawBytes()), old.epoch() + 1);
        Keyring current = keyring.keyring();
        Keyring rekeyed = new Keyring(upcoming.epoch(), current.keys(), current.lastRotation(), clock.instant(), null);
        records.write(w -> {
            w.putKeyring(old.epoch(), KeyringBox.seal(current.copyFor(old.epoch(), upcoming.key()), old.key(),
                    old.epoch()));
            w.putKeyring(upcoming.epoch(), KeyringBox.seal(rekeyed, upcoming.key(), upcoming.epoch()));
            return null;
        });
        root = upcoming;
        keyring.replace(rekeyed);
        old.key().destroy();
    }

    /** Whether a copy for an older root epoch is still stored (a rekey has not finished). */
    public boolean rekeyPending() {
        int current = root.epoch();
        return records.read(r -> r.keyrings().keySet().stream().anyMatch(epoch -> epoch < current));
    }

    /** Ends a rekey: the copies of older epochs are deleted, so only the current root key opens the store. */
    public synchronized void finishRekey() {
        int current = root.epoch();
        records.write(w -> {
            for (int epoch : w.keyrings().keySet()) {
                if (epoch < current) {
                    w.deleteKeyring(epoch);
                }
            }
            return null;
        });
    }

    private void reserveMore(KeyPurpose purpose) {
        if (!reserving.compareAndSet(false, true)) {
            return;
        }
        Thread.ofVirtual().name("keyring-reservation").start(() -> {
            try {
                updateKeyring(k -> k.reserved(purpose, k.active(purpose).generation(), keyring.nextReservation(purpose)));
            } catch (RuntimeException e) {
                LOG.warn("could not persist the {} key's encryption count: {}", purpose, e.getMessage());
            } finally {
                reserving.set(false);
            }
        });
    }

    @Override
    public void close() {
        records.close();
        root.key().destroy();
    }

    @Override
    public String toString() {
        return "SealedBackend[" + records + "]";
    }
}
