package ist.spike.nexus.store.sqlite;

import ist.spike.common.crypto.AeadException;
import ist.spike.common.crypto.AesGcm;
import ist.spike.common.crypto.SecretBytes;
import ist.spike.nexus.store.StoreIntegrityException;

/**
 * Seals and opens stored values under the root key, bound to their {@link RowPlace}. Every sealed
 * row also records the key generation that sealed it, so a later key rotation can tell old rows from
 * new ones; today there is only generation 1.
 */
final class RowCipher {
    static final int CURRENT_GENERATION = 1;

    private final AesGcm aead;
    private final int generation;

    RowCipher(SecretBytes rootKey, int generation) {
        this.aead = AesGcm.create(rootKey);
        this.generation = generation;
    }

    int generation() {
        return generation;
    }

    /** {@code nonce || ciphertext || tag} under a fresh nonce, bound to {@code place} and this generation. */
    byte[] seal(byte[] plaintext, RowPlace place) {
        return aead.seal(plaintext, place.associatedData(generation));
    }

    /** The plaintext, or {@link StoreIntegrityException} if the row was altered, moved or sealed under another key. */
    byte[] open(int rowGeneration, byte[] sealed, RowPlace place) {
        if (rowGeneration != generation) {
            throw new StoreIntegrityException("record " + place.describe() + " is sealed under unknown key generation "
                    + rowGeneration);
        }
        try {
            return aead.open(sealed, place.associatedData(rowGeneration));
        } catch (AeadException e) {
            throw new StoreIntegrityException("record " + place.describe() + " failed authentication");
        }
    }

    @Override
    public String toString() {
        return "RowCipher[generation " + generation + ", key redacted]";
    }
}
