package ist.spike.nexus.store.sealed;

import ist.spike.common.crypto.AeadException;
import ist.spike.common.crypto.AesGcm;
import ist.spike.nexus.keyring.KeyPurpose;
import ist.spike.nexus.keyring.LiveKeyring;
import ist.spike.nexus.store.records.RecordKey;
import ist.spike.nexus.store.records.Sealed;
import java.util.Arrays;
import java.util.function.Function;

/**
 * Seals records under the active storage key and opens them under the key of the generation they name,
 * each bound to its {@link RowPlace}: a record only opens in the place it was sealed for.
 */
final class RecordSealer {
    private final LiveKeyring keyring;

    RecordSealer(LiveKeyring keyring) {
        this.keyring = keyring;
    }

    Sealed seal(byte[] plaintext, RowPlace place) {
        LiveKeyring.ActiveKey key = keyring.encryptingKey(KeyPurpose.STORAGE);
        return new Sealed(key.generation(), key.aead().seal(plaintext, place.associatedData(key.generation())));
    }

    /** The plaintext, or {@link StoreIntegrityException} if the record was altered, moved or sealed by another key. */
    byte[] open(Sealed sealed, RowPlace place) {
        AesGcm aead = keyring.openingKey(KeyPurpose.STORAGE, sealed.generation());
        if (aead == null) {
            throw SealedTransaction.refuse("record " + place.describe() + " names key generation "
                    + sealed.generation() + ", which this keyring cannot open");
        }
        try {
            return aead.open(sealed.bytes(), place.associatedData(sealed.generation()));
        } catch (AeadException e) {
            throw SealedTransaction.refuse("record " + place.describe() + " failed authentication");
        }
    }

    /**
     * The record opened and decoded by {@code decoder} (which throws IllegalArgumentException for bytes it
     * cannot read); the plaintext is zeroed afterwards. A malformed record is an integrity error, like an
     * altered one.
     */
    <T> T open(Sealed sealed, RowPlace place, Function<byte[], T> decoder) {
        byte[] plaintext = open(sealed, place);
        try {
            return decoder.apply(plaintext);
        } catch (IllegalArgumentException e) {
            throw SealedTransaction.refuse("record " + place.describe() + " is malformed");
        } finally {
            Arrays.fill(plaintext, (byte) 0);
        }
    }

    /** Where a stored record belongs, from its key alone (a rotation re-seals records it does not interpret). */
    static RowPlace placeOf(RecordKey key) {
        return switch (key.kind()) {
            case SECRET_INDEX -> RowPlace.secretIndex(key.name());
            case SECRET_VALUES -> RowPlace.secretValues(key.name(), key.version());
            case POLICY -> RowPlace.policyDocument(key.name(), key.version());
            case STATE -> RowPlace.state(key.name());
        };
    }

    @Override
    public String toString() {
        return "RecordSealer[keys redacted]";
    }
}
