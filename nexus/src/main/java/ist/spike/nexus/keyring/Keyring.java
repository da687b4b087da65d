package ist.spike.nexus.keyring;

import ist.spike.common.crypto.AesGcm;
import ist.spike.common.crypto.SecretBytes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The data keys under the root key, as one immutable value: every change makes a new keyring that the
 * store persists (sealed under the root key) before anyone uses it.
 *
 * <p>Each generation has a storage key and a cipher key. Rotation adds a generation whose keys become
 * active at once; the previous storage key turns decrypt-only until every record is re-sealed, then it is
 * retired (destroyed). Previous cipher keys stay decrypt-only: their ciphertexts live with the callers,
 * where nothing can re-encrypt them.
 *
 * @param rootEpoch        which root key seals this keyring; a rekey increments it
 * @param lastRotation     when the newest generation was made by a rotation (null: never rotated)
 * @param lastRekey        when the root key last changed (null: never)
 * @param pendingRootKey   during a rekey, the next root key (sealed only inside the old root key's copy)
 */
public record Keyring(int rootEpoch, List<DataKey> keys, Instant lastRotation, Instant lastRekey,
        SecretBytes pendingRootKey) {

    /** How far a persisted encryption count runs ahead of use (see {@link LiveKeyring}). */
    public static final long RESERVATION_BLOCK = 1L << 20;

    public Keyring {
        keys = List.copyOf(keys);
        for (KeyPurpose purpose : KeyPurpose.values()) {
            long active = keys.stream().filter(k -> k.purpose() == purpose && k.state() == KeyState.ACTIVE).count();
            if (active != 1) {
                throw new IllegalArgumentException("a keyring needs exactly one active " + purpose + " key");
            }
        }
    }

    /** A new store's keyring: generation 1, fresh keys. */
    public static Keyring fresh(Instant now) {
        return new Keyring(1, List.of(newKey(1, KeyPurpose.STORAGE, now), newKey(1, KeyPurpose.CIPHER, now)),
                null, null, null);
    }

    /**
     * The keyring of a store written before keyrings existed: generation 1 is the old root key, decrypt-only
     * for both purposes (its records and the callers' ciphertexts were sealed with it), generation 2 is new.
     */
    public static Keyring upgradedFrom(SecretBytes legacyRootKey, Instant now) {
        List<DataKey> keys = new ArrayList<>();
        for (KeyPurpose purpose : KeyPurpose.values()) {
            keys.add(new DataKey(1, purpose, KeyState.DECRYPT_ONLY, now, true, 0,
                    SecretBytes.copyOf(legacyRootKey.copyRawBytes())));
            keys.add(newKey(2, purpose, now));
        }
        return new Keyring(1, keys, null, null, null);
    }

    public DataKey active(KeyPurpose purpose) {
        return keys.stream().filter(k -> k.purpose() == purpose && k.state() == KeyState.ACTIVE).findFirst()
                .orElseThrow();
    }

    /** The key of {@code purpose} and {@code generation} that still has material. */
    public Optional<DataKey> usable(KeyPurpose purpose, int generation) {
        return keys.stream().filter(k -> k.purpose() == purpose && k.generation() == generation
                && k.state() != KeyState.RETIRED).findFirst();
    }

    /** Keys of {@code purpose} that can still open something, newest first. */
    public List<DataKey> usable(KeyPurpose purpose) {
        return keys.stream().filter(k -> k.purpose() == purpose && k.state() != KeyState.RETIRED)
                .sorted(Comparator.comparingInt(DataKey::generation).reversed()).toList();
    }

    /** Storage generations a rotation still has to move records away from. */
    public List<Integer> storageGenerationsToRetire() {
        return keys.stream().filter(k -> k.purpose() == KeyPurpose.STORAGE && k.state() == KeyState.DECRYPT_ONLY)
                .map(DataKey::generation).sorted().toList();
    }

    public boolean rotationPending() {
        return !storageGenerationsToRetire().isEmpty();
    }

    /** A new generation for both purposes, active at once; the previous active keys turn decrypt-only. */
    public Keyring rotated(Instant now) {
        int next = keys.stream().mapToInt(DataKey::generation).max().orElse(0) + 1;
        List<DataKey> out = new ArrayList<>();
        for (DataKey k : keys) {
            out.add(k.state() == KeyState.ACTIVE ? k.withState(KeyState.DECRYPT_ONLY) : k);
        }
        out.add(newKey(next, KeyPurpose.STORAGE, now));
        out.add(newKey(next, KeyPurpose.CIPHER, now));
        return new Keyring(rootEpoch, out, now, lastRekey, pendingRootKey);
    }

    /** Retires (forgets the material of) decrypt-only storage generations in {@code generations}. */
    public Keyring retiredStorage(List<Integer> generations) {
        List<DataKey> out = new ArrayList<>();
        for (DataKey k : keys) {
            boolean retire = k.purpose() == KeyPurpose.STORAGE && k.state() == KeyState.DECRYPT_ONLY
                    && generations.contains(k.generation());
            out.add(retire ? k.withState(KeyState.RETIRED) : k);
        }
        return new Keyring(rootEpoch, out, lastRotation, lastRekey, pendingRootKey);
    }

    /** The same keyring with the active {@code purpose} key's reservation raised to {@code reserved}. */
    public Keyring reserved(KeyPurpose purpose, int generation, long reserved) {
        List<DataKey> out = new ArrayList<>();
        for (DataKey k : keys) {
            boolean mine = k.purpose() == purpose && k.generation() == generation;
            out.add(mine && reserved > k.encryptionsReserved() ? k.withReserved(reserved) : k);
        }
        return new Keyring(rootEpoch, out, lastRotation, lastRekey, pendingRootKey);
    }

    /** The same keyring with every active key's reservation one block higher (done at each start). */
    public Keyring reservedAhead() {
        Keyring out = this;
        for (KeyPurpose p : KeyPurpose.values()) {
            DataKey k = active(p);
            out = out.reserved(p, k.generation(), k.encryptionsReserved() + RESERVATION_BLOCK);
        }
        return out;
    }

    /** This keyring as the copy sealed for root epoch {@code epoch}, carrying {@code pending} (or nothing). */
    public Keyring copyFor(int epoch, SecretBytes pending) {
        return new Keyring(epoch, keys, lastRotation, lastRekey, pending);
    }

    private static DataKey newKey(int generation, KeyPurpose purpose, Instant now) {
        return new DataKey(generation, purpose, KeyState.ACTIVE, now, false, RESERVATION_BLOCK,
                SecretBytes.random(AesGcm.KEY_LENGTH));
    }

    @Override
    public String toString() {
        return "Keyring[epoch " + rootEpoch + ", " + keys + "]";
    }
}
